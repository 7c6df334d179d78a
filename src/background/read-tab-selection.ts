/**
 * The selected text in a tab, read on a keyboard command (whose gesture grants activeTab): the
 * first frame with a non-empty selection. '' where no script may run (chrome://, the Web Store).
 */
import browser, { type Tabs } from '../shared/platform/browser'

export async function readTabSelection(tab: Tabs.Tab): Promise<string> {
  if (tab.id === undefined || tab.id < 0) return ''
  try {
    const results = await browser.scripting.executeScript({
      target: { tabId: tab.id, allFrames: true },
      func: () => globalThis.getSelection?.()?.toString() ?? '',
    })
    return results.map((result) => (typeof result.result === 'string' ? result.result : '')).find((text) => text.trim()) ?? ''
  } catch {
    return ''
  }
}
