/**
 * What every chat surface (popup, overlay, chat page) does around the port in the same way: the
 * composer text, the chosen model, the "logged out" notice that clears on return, send and warm-up.
 */
import { useEffect, useState } from 'preact/hooks'
import type { ChatPort } from './use-chat-port'

export function useChatSurface(chat: ChatPort, options: { initialText?: string; preferredModel?: string | undefined }) {
  const [text, setText] = useState(options.initialText ?? '')
  const [picked, setPicked] = useState<string | undefined>(undefined)
  const jobs = chat.thread?.jobs ?? []
  const model = picked ?? (options.preferredModel || chat.thread?.model || chat.defaultModel)
  // One notice at a time: when the last question failed, its own notice already says what to do.
  const loggedOut = chat.account?.loggedIn === false && !jobs[jobs.length - 1]?.error

  // After logging in elsewhere, coming back to this page should clear the notice.
  const { refreshAccount } = chat
  useEffect(() => {
    if (!loggedOut) return
    window.addEventListener('focus', refreshAccount)
    return () => window.removeEventListener('focus', refreshAccount)
  }, [loggedOut, refreshAccount])

  return {
    text,
    setText,
    model,
    setPicked,
    loggedOut,
    /** Cleared only when the worker took the question, and only if the user hasn't typed since. */
    async onSend(prompt: string) {
      if (await chat.send(prompt, model)) setText((current) => (current === prompt ? '' : current))
    },
    onInput(value: string) {
      setText(value)
      if (value.trim()) chat.prewarm()
    },
  }
}
