/**
 * What the chat page shows, decided from its URL when it loads. The rule that makes a reload safe:
 * a question in `?q=` is sent only by the load that finds it there, and that load replaces the URL
 * with the thread's own (`#<threadKey>`) before anything is sent, so no later load (reload,
 * back/forward, restored tab, bookmark of the address bar) can see the question again.
 */
import { isThreadKey, threadKeyFromHash } from './chat-page-url'

export const MAX_QUESTION_LENGTH = 20_000

/** Kept in `history.state` from the URL swap until the worker takes the question. */
export interface PendingAskState {
  pendingAsk: string
}

export interface ChatStart {
  threadKey: string
  /** The `?q=` question: send it once, when the thread is open. */
  ask?: string
  /**
   * A `?q=` question whose send a reload may have cut short (the page reloaded between the URL
   * swap and the worker's acknowledgement): offered in the composer, never sent without the user.
   */
  draft?: string
  /** Put this in place of the current history entry before rendering. */
  replace?: { url: string; state: PendingAskState | null }
}

interface UrlParts {
  pathname: string
  search: string
  hash: string
}

/** The question a history entry still waits to see accepted, if any. */
export function pendingAskFrom(state: unknown): string | undefined {
  if (!state || typeof state !== 'object') return undefined
  const value = (state as Partial<PendingAskState>).pendingAsk
  return typeof value === 'string' && value.trim() ? value : undefined
}

/** Decides the thread and the one-time question for a page load. */
export function resolveChatStart(url: UrlParts, historyState: unknown, newThreadKey: () => string): ChatStart {
  const fromHash = threadKeyFromHash(url.hash)
  if (fromHash) {
    const draft = pendingAskFrom(historyState)
    return { threadKey: fromHash, ...(draft ? { draft } : {}) }
  }
  const threadKey = newThreadKey()
  if (!isThreadKey(threadKey)) throw new Error(`not a thread key: ${threadKey}`)
  const target = `${url.pathname}#${encodeURIComponent(threadKey)}`
  const question = (new URLSearchParams(url.search).get('q') ?? '').trim().slice(0, MAX_QUESTION_LENGTH)
  if (!question) return { threadKey, replace: { url: target, state: null } }
  return { threadKey, ask: question, replace: { url: target, state: { pendingAsk: question } } }
}
