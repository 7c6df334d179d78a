/**
 * What the popup, the overlay and the chat page show the same way around one thread: the header,
 * the login notice, the turns, the connection notes and the composer. Each page wraps it in its
 * own frame and may add notes of its own above the composer (`children`).
 */
import type { ComponentChildren } from 'preact'
import type { SerializedChatGptError } from '../core/chatgpt/chatgpt-error'
import { ChatThread } from '../ui/ChatThread'
import { Composer } from '../ui/Composer'
import { ErrorNotice } from '../ui/ErrorNotice'
import { Header, linkableConversationId } from '../ui/Header'
import { useT } from '../ui/i18n'
import type { ChatPort } from './use-chat-port'
import type { ChatSurface } from './use-chat-surface'

interface Props {
  chat: ChatPort
  surface: ChatSurface
  /** Opens a URL in a new tab; no page navigates itself. */
  openUrl: (url: string) => void
  /** The page's class for its status notes. */
  noteClass: string
  /** Defaults to the thread's own New chat. */
  onNewChat?: () => void
  /** "Open in tab", where the page offers it; keep its identity (the header is memoised). */
  onOpenInTab?: () => void
  /** Focus the composer on open (not in the overlay: the page keeps its focus). */
  autoFocus?: boolean
  children?: ComponentChildren
}

const NOT_LOGGED_IN: SerializedChatGptError = { code: 'not-logged-in', message: '' }

export function ChatSurfaceView({ chat, surface, openUrl, noteClass, onNewChat = chat.newChat, onOpenInTab, autoFocus = true, children }: Props) {
  const t = useT()
  const { text, model, setPicked, loggedOut, submit, onInput, onStop } = surface
  return (
    <>
      <Header
        conversationId={linkableConversationId(chat.thread)}
        models={chat.models}
        model={model}
        onModelChange={setPicked}
        onNewChat={onNewChat}
        onOpenUrl={openUrl}
        canStartNewChat={(chat.thread?.jobs.length ?? 0) > 0}
        {...(onOpenInTab ? { onOpenInTab } : {})}
      />
      {loggedOut && <ErrorNotice error={chat.account?.error ?? NOT_LOGGED_IN} onOpenUrl={openUrl} onRetry={chat.refreshAccount} />}
      <ChatThread
        thread={chat.thread}
        onRegenerate={chat.regenerate}
        onContinue={chat.continueAnswer}
        onRetry={chat.retry}
        onCheckResult={chat.checkResult}
        onOpenUrl={openUrl}
        onNewChat={onNewChat}
      />
      {!chat.connected && <p class={noteClass} role="status">{t('reconnecting')}</p>}
      {chat.refused && <p class={noteClass} role="status">{t('requestRefused')}</p>}
      {children}
      <Composer value={text} onInput={onInput} onSend={submit} autoFocus={autoFocus} {...(onStop ? { onStop } : {})} />
    </>
  )
}
