/**
 * The chat page: the popup's chat (same components, same port hook) at full width, beside an
 * optional sidebar. It can send one question by itself, the `?q=` of the load that opened it;
 * everything else is the user's doing.
 */
import type { ComponentChild } from 'preact'
import { useEffect, useRef } from 'preact/hooks'
import type { Surface } from '../shared/messaging/protocol'
import { useT } from '../ui/i18n'
import type { PortLike } from '../popup/port-connection'
import { useChatPort } from '../popup/use-chat-port'
import { useChatSurface } from '../popup/use-chat-surface'
import { ChatSurfaceView } from '../popup/ChatSurfaceView'

export interface ChatAppProps {
  threadKey: string
  surface: Surface
  /** Sent once, as soon as the thread is open, unless it already has questions. */
  ask?: string
  /** The worker took `ask`. */
  onAsked?: () => void
  /** Pre-filled composer text; never sent without the user. */
  draft?: string
  /** The settings' default model slug ('' = the account default). */
  preferredModel?: string
  openUrl: (url: string) => void
  /** New chat opens a fresh thread; this one stays in history. */
  onNewChat: () => void
  /** The thread list, when the page has one. */
  sidebar?: ComponentChild
  connect?: () => PortLike
}

/** The chat page's root component for one thread (remount it with `key` to switch threads). */
export function ChatApp({ threadKey, surface, ask, onAsked, draft = '', preferredModel, openUrl, onNewChat, sidebar, connect }: ChatAppProps) {
  const t = useT()
  const chat = useChatPort({ threadKey, surface, ...(connect ? { connect } : {}) })
  const chatSurface = useChatSurface(chat, { initialText: draft, preferredModel })
  const { setText, model } = chatSurface
  const askedOnce = useRef(false)
  const jobs = chat.thread?.jobs ?? []
  const title = chat.thread?.title ?? jobs[0]?.prompt
  const { send } = chat

  useEffect(() => {
    document.title = title ? `${title} — ${t('chatPageTitle')}` : t('chatPageTitle')
  }, [title, t])

  // The thread must be open in the worker before an ask can land in it: wait for its snapshot.
  const opened = chat.thread !== undefined
  const alreadyAsked = jobs.length > 0
  useEffect(() => {
    if (!ask || !opened || askedOnce.current) return
    askedOnce.current = true
    if (alreadyAsked) return
    void send(ask, model).then((accepted) => {
      if (accepted) onAsked?.()
      else setText((current) => current || ask) // refused: give the question back to the user
    })
  }, [ask, opened, alreadyAsked, send, model, onAsked])


  return (
    <div class="chat-page">
      {sidebar && <aside class="chat-sidebar">{sidebar}</aside>}
      <main class="chat-main">
        <ChatSurfaceView chat={chat} surface={chatSurface} openUrl={openUrl} noteClass="chat-note" onNewChat={onNewChat} />
      </main>
    </div>
  )
}
