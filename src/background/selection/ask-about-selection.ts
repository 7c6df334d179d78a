/**
 * A click on the selection menu. Everything the question is made of comes from the menu event
 * itself (`selectionText`, `pageUrl`, the tab's title) and the stored template, here in the
 * worker: no message from a page or content script can start or shape a question (T4, T6). The
 * answer starts at once; the overlay is mounted in the tab to show it, or, where the browser
 * forbids injection, the chat page opens on the same thread.
 */
import browser, { type Menus, type Tabs } from '../../shared/platform/browser'
import { chatPagePath, tabThreadKey } from '../../overlay/pages'
import { buildSelectionPrompt, languageName } from './build-prompt'
import { parseMenuItemId, templateForChoice } from './menu-items'
import { whenJobEnds, type ClosedTabWatch } from './overlay-lifetime'
import { showOverlay } from './show-overlay'
import { prepareTabThread, stopThreadJobs, type TabThreadDeps } from './tab-threads'
import { loadTemplates, templateLookup } from './template-store'
import { fallbackTemplate } from './templates'

export interface SelectionClickDeps extends TabThreadDeps {
  closedTabs: ClosedTabWatch
  /** Mounts the overlay; false when the tab can't take it. */
  showOverlay?: (tabId: number, threadKey: string) => Promise<boolean>
  openTab?: (url: string, opener: Tabs.Tab) => Promise<void>
}

const openBeside = async (url: string, opener: Tabs.Tab) => {
  await browser.tabs.create({ url, ...(opener.index >= 0 ? { index: opener.index + 1 } : {}), ...(opener.id !== undefined ? { openerTabId: opener.id } : {}) })
}

// One click at a time per tab, so two quick clicks never plan turns under the same parent.
const queues = new Map<number, Promise<void>>()

export function askAboutSelection(info: Menus.OnClickData, tab: Tabs.Tab | undefined, deps: SelectionClickDeps): Promise<void> {
  const choice = parseMenuItemId(info.menuItemId)
  const tabId = tab?.id
  const selection = info.selectionText ?? ''
  if (!choice || !tab || tabId === undefined || tabId < 0 || !selection.trim()) return Promise.resolve()
  const run = async () => {
    const templates = await loadTemplates()
    const template = templateForChoice(choice, templates, fallbackTemplate(templateLookup))
    const prompt = buildSelectionPrompt(template.text, {
      selection,
      url: info.pageUrl ?? tab.url ?? '',
      title: tab.title ?? '',
      language: languageName(browser.i18n.getUILanguage()),
    })
    const threadKey = tabThreadKey(tabId)
    await prepareTabThread(threadKey, deps)
    await stopThreadJobs(threadKey, deps, true)
    const job = await deps.runner.start(threadKey, 'next', prompt)
    deps.closedTabs.watch(tabId, whenJobEnds(deps.runner, job.jobId, deps.sleep))
    const shown = await (deps.showOverlay ?? showOverlay)(tabId, threadKey)
    if (!shown) await (deps.openTab ?? openBeside)(browser.runtime.getURL(chatPagePath(threadKey)), tab)
  }
  const next = (queues.get(tabId) ?? Promise.resolve()).then(run)
  const settled = next.catch(() => undefined)
  queues.set(tabId, settled)
  void settled.then(() => {
    if (queues.get(tabId) === settled) queues.delete(tabId)
  })
  return next
}
