/**
 * The "Ask ChatGPT about “%s”" item on selections. Created on install/startup (menus persist, but
 * re-creating after an update keeps titles in the current locale).
 */
import browser from '../shared/platform/browser'

export const ASK_SELECTION_MENU_ID = 'ask-selection'

export async function createContextMenus(): Promise<void> {
  await browser.contextMenus.removeAll()
  browser.contextMenus.create({
    id: ASK_SELECTION_MENU_ID,
    title: browser.i18n.getMessage('askAboutSelection'),
    contexts: ['selection'],
  })
}
