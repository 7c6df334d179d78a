/**
 * What every chat surface (popup, overlay, chat page) does around the port in the same way: the
 * composer text, the chosen model, the "logged out" notice that clears on return, send, stop and
 * warm-up. The composer's callbacks keep their identity while an answer streams, so the memoised
 * composer skips every streamed update.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks'
import type { ChatPort } from './use-chat-port'

/** A job in one of these states can be stopped. */
const ACTIVE = new Set(['queued', 'requesting', 'streaming'])

export function useChatSurface(chat: ChatPort, options: { initialText?: string; preferredModel?: string | undefined }) {
  const [text, setText] = useState(options.initialText ?? '')
  const [picked, setPicked] = useState<string | undefined>(undefined)
  const jobs = chat.thread?.jobs ?? []
  const model = picked ?? (options.preferredModel || chat.thread?.model || chat.defaultModel)
  // One notice at a time: when the last question failed, its own notice already says what to do.
  const loggedOut = chat.account?.loggedIn === false && !jobs[jobs.length - 1]?.error

  // After logging in elsewhere, coming back to this page should clear the notice.
  const { refreshAccount, send, prewarm, stop } = chat
  useEffect(() => {
    if (!loggedOut) return
    window.addEventListener('focus', refreshAccount)
    return () => window.removeEventListener('focus', refreshAccount)
  }, [loggedOut, refreshAccount])

  // Read at send time, so the callbacks below keep their identity (memoised composers skip updates).
  const current = useRef(model)
  current.current = model
  /** Cleared only when the worker took the question, and only if the user hasn't typed since. */
  const onSend = useCallback(
    async (prompt: string) => {
      if (await send(prompt, current.current)) setText((value) => (value === prompt ? '' : value))
    },
    [send],
  )
  const onInput = useCallback(
    (value: string) => {
      setText(value)
      if (value.trim()) prewarm()
    },
    [prewarm],
  )

  /** For the composer: sends without waiting for the answer to the request. */
  const submit = useCallback((prompt: string) => void onSend(prompt), [onSend])
  const activeJobId = jobs.find((job) => ACTIVE.has(job.status))?.jobId
  /** Stops the answer being written, if there is one. */
  const onStop = useMemo(() => (activeJobId ? () => stop(activeJobId) : undefined), [activeJobId, stop])

  return { text, setText, model, setPicked, loggedOut, onSend, submit, onInput, onStop }
}

/** What `useChatSurface` hands a page. */
export type ChatSurface = ReturnType<typeof useChatSurface>
