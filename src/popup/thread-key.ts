/**
 * The popup has one thread, 'popup'. `?thread=<key>` opens another, so tests can run two popup
 * tabs side by side with separate conversations; `?q=<text>` pre-fills the composer (never sends).
 */
const KEY = /^[\w-]{1,64}$/

export const POPUP_THREAD_KEY = 'popup'

/** The thread key for this page's query string. */
export function threadKeyFrom(search: string): string {
  const key = new URLSearchParams(search).get('thread')
  return key && KEY.test(key) ? key : POPUP_THREAD_KEY
}

/** Text to pre-fill the composer with, if the page was opened with `?q=`. */
export function initialPromptFrom(search: string): string {
  return (new URLSearchParams(search).get('q') ?? '').slice(0, 20_000)
}
