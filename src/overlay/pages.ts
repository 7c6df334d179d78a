/**
 * The overlay's URL contract. The worker opens `OVERLAY_PAGE#tab:<tabId>`: the hash carries the
 * thread key and nothing else (no text, no ids of the answer), so the page that hosts the iframe
 * learns nothing it could not guess. "Open in tab" shows the same thread on the chat page.
 */

export const OVERLAY_PAGE = 'src/overlay/index.html'
export const CHAT_PAGE = 'src/chat/index.html'

/** What the overlay posts to its parent to be closed (the content script checks it came from its iframe). */
export const CLOSE_MESSAGE = 'ask-anywhere:close'

const TAB_KEY = /^tab:(\d{1,10})$/

/** Each tab has its own thread. */
export function tabThreadKey(tabId: number): string {
  return `tab:${tabId}`
}

/** The tab id in a `tab:<id>` key, or undefined. */
export function tabIdOf(threadKey: string): number | undefined {
  const match = TAB_KEY.exec(threadKey)
  return match ? Number(match[1]) : undefined
}

/** The thread key in the overlay's `location.hash`, or undefined when it is not a tab key. */
export function threadKeyFromHash(hash: string): string | undefined {
  const key = hash.replace(/^#/, '')
  return TAB_KEY.test(key) ? key : undefined
}

/** The chat page's address for a thread (relative to the extension root). */
export function chatPagePath(threadKey: string): string {
  return `${CHAT_PAGE}#${threadKey}`
}
