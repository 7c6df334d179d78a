/**
 * Who may talk to the worker (threats-and-faults T6). UI ports must come from this extension's own
 * pages; a content script runs inside an arbitrary page and gets nothing from this channel.
 */
import browser, { type Runtime } from '../shared/platform/browser'

export function isExtensionPage(sender: Runtime.MessageSender | undefined): boolean {
  if (!sender || sender.id !== browser.runtime.id) return false
  const origin = browser.runtime.getURL('')
  // A content script's sender.url is the page's URL; only our own pages have the extension origin.
  return typeof sender.url === 'string' && sender.url.startsWith(origin)
}
