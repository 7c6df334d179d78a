/**
 * Where the chat page lives and how a thread is addressed in its URL. The worker (omnibox), the
 * popup ("Open in tab") and the page itself build and read these URLs, so the format is here once.
 * Pure: callers turn the path into an absolute URL with `runtime.getURL`.
 */
import type { Surface } from '../shared/messaging/protocol'

/** The page's path inside the extension (crxjs keeps the source path of HTML entries). */
export const CHAT_PAGE_PATH = 'src/chat/index.html'

/** Thread keys a URL may carry: ours look like `omnibox:<uuid>`, `chat-page:<uuid>`, `popup`. */
const THREAD_KEY = /^[\w.:-]{1,200}$/

export function isThreadKey(value: string): boolean {
  return THREAD_KEY.test(value)
}

/** `src/chat/index.html#<threadKey>`: reopens that thread (reattaches or shows the stored answer). */
export function chatPagePath(threadKey: string): string {
  return `${CHAT_PAGE_PATH}#${encodeURIComponent(threadKey)}`
}

/** `src/chat/index.html?q=<question>`: asks once, then the page's URL becomes the thread's. */
export function chatAskPath(question: string): string {
  return `${CHAT_PAGE_PATH}?${new URLSearchParams({ q: question }).toString()}`
}

/** The thread key in a `location.hash`, if it is one. */
export function threadKeyFromHash(hash: string): string | undefined {
  let key: string
  try {
    key = decodeURIComponent(hash.replace(/^#/, ''))
  } catch {
    return undefined // a malformed escape is not a key
  }
  return isThreadKey(key) ? key : undefined
}

/** A fresh thread key for a surface: `omnibox:<id>`, `chat-page:<id>`. */
export function newThreadKey(surface: 'omnibox' | 'chat-page', id: string): string {
  return `${surface}:${id}`
}

/**
 * The surface a key belongs to, for opening a thread the page does not know yet (an existing
 * thread keeps the surface it was created with). Keys without a prefix are the popup's; `tab:<id>`
 * is a tab's selection thread (overlay/pages.ts).
 */
export function surfaceForThreadKey(threadKey: string): Surface {
  const prefix = threadKey.includes(':') ? threadKey.slice(0, threadKey.indexOf(':')) : 'popup'
  if (prefix === 'tab') return 'selection'
  return prefix === 'omnibox' || prefix === 'selection' || prefix === 'popup' ? prefix : 'chat-page'
}
