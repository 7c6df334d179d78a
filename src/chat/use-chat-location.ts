/**
 * The chat page's thread follows its URL: the load decides it (see chat-location.ts), and a hash
 * change (New chat, a history link, Back) switches to another thread. Switching never asks:
 * only the load that found `?q=` does.
 */
import { useEffect, useMemo, useState } from 'preact/hooks'
import { resolveChatStart, pendingAskFrom } from './chat-location'
import { threadKeyFromHash } from './chat-page-url'

export interface ChatLocation {
  threadKey: string
  ask?: string
  draft?: string
  /** Moves to another thread (a new history entry, so Back returns to this one). */
  openThread(threadKey: string): void
  /** Moves to a fresh thread, the same way. */
  newChat(): void
  /** The worker took the `?q=` question: a reload of this entry has nothing left to offer. */
  asked(): void
}

type Current = Pick<ChatLocation, 'threadKey' | 'ask' | 'draft'>

function start(newThreadKey: () => string, readQuestion: boolean): Current {
  const { pathname, search, hash } = location
  const decided = resolveChatStart({ pathname, search: readQuestion ? search : '', hash }, history.state, newThreadKey)
  // Synchronous, during the first render: before the port exists, so before anything is sent.
  if (decided.replace) history.replaceState(decided.replace.state, '', decided.replace.url)
  const { replace: _replace, ...current } = decided
  return current
}

/** The page's current thread, from `location`. */
export function useChatLocation(newThreadKey: () => string): ChatLocation {
  const [current, setCurrent] = useState<Current>(() => start(newThreadKey, true))

  useEffect(() => {
    const onHashChange = () => {
      const threadKey = threadKeyFromHash(location.hash)
      if (!threadKey) {
        // Someone edited the hash into something that is not a thread: start a fresh one (and
        // never re-read `?q=`, which only the first load may send).
        setCurrent(start(newThreadKey, false))
        return
      }
      const draft = pendingAskFrom(history.state)
      setCurrent((was) => (was.threadKey === threadKey ? was : { threadKey, ...(draft ? { draft } : {}) }))
    }
    window.addEventListener('hashchange', onHashChange)
    return () => window.removeEventListener('hashchange', onHashChange)
  }, [newThreadKey])

  return useMemo(
    () => ({
      ...current,
      openThread(threadKey) {
        location.hash = encodeURIComponent(threadKey)
      },
      newChat() {
        location.hash = encodeURIComponent(newThreadKey())
      },
      asked() {
        if (threadKeyFromHash(location.hash) === current.threadKey) history.replaceState(null, '', location.href)
      },
    }),
    [current, newThreadKey],
  )
}
