/**
 * The selection menu: "Ask ChatGPT about “%s”" with one submenu item per visible template. Built
 * on install/startup (menus persist, but rebuilding keeps titles in the current locale) and again
 * whenever the templates change in storage, so edits in the options page show up at once.
 * Rebuilds run one after another: two overlapping ones would create the same ids twice.
 */
import browser, { type Storage } from '../shared/platform/browser'
import { selectionMenuItems, type MenuItem } from './selection/menu-items'
import { loadTemplates } from './selection/template-store'
import { TEMPLATES_KEY } from './selection/templates'

export { ASK_SELECTION_MENU_ID } from './selection/menu-items'

let building: Promise<void> = Promise.resolve()

function create(item: MenuItem): Promise<void> {
  return new Promise((resolve) => {
    browser.contextMenus.create(item, () => {
      // Read lastError so a failed item is reported here, not as an unchecked error.
      if (browser.runtime.lastError) console.warn('context menu item not created:', item.id, browser.runtime.lastError.message)
      resolve()
    })
  })
}

async function build(): Promise<void> {
  const items = selectionMenuItems(await loadTemplates(), browser.i18n.getMessage('askAboutSelection'))
  await browser.contextMenus.removeAll()
  for (const item of items) await create(item)
}

/** (Re)builds the menu after any build already under way. */
export function createContextMenus(): Promise<void> {
  building = building.then(build).catch((error: unknown) => console.warn('context menu build failed:', error))
  return building
}

/** storage.onChanged: rebuild when the templates changed. */
export function onTemplatesChanged(changes: Record<string, Storage.StorageChange>, areaName: string): void {
  if (areaName === 'local' && TEMPLATES_KEY in changes) void createContextMenus()
}
