/**
 * The toolbar popup: header, login notice, the thread, the composer. State lives in the worker;
 * this page only shows it and sends intents through `useChatPort`.
 */
import { useMemo } from 'preact/hooks'
import type { SerializedChatGptError } from '../core/chatgpt/chatgpt-error'
import { ChatThread } from '../ui/ChatThread'
import { Composer } from '../ui/Composer'
import { ErrorNotice } from '../ui/ErrorNotice'
import { Header, linkableConversationId } from '../ui/Header'
import { useT } from '../ui/i18n'
import type { PortLike } from './port-connection'
import { useChatPort } from './use-chat-port'
import { useChatSurface } from './use-chat-surface'

export interface PopupAppProps {
  threadKey: string
  /** Pre-filled composer text (`?q=`); never sent without the user. */
  initialPrompt?: string
  /** The settings' default model slug ('' = the account default). */
  preferredModel?: string
  /** Opens a URL in a new tab; the popup never navigates itself. */
  openUrl: (url: string) => void
  /** Opens this thread on the full-page chat ("Open in tab"). */
  openInTab?: (threadKey: string) => void
  connect?: () => PortLike
}

const NOT_LOGGED_IN: SerializedChatGptError = { code: 'not-logged-in', message: '' }

/** The popup page's root component. */
export function PopupApp({ threadKey, initialPrompt = '', preferredModel, openUrl, openInTab, connect }: PopupAppProps) {
  const t = useT()
  const chat = useChatPort({ threadKey, surface: 'popup', ...(connect ? { connect } : {}) })
  const { text, model, setPicked, loggedOut, submit, onInput, onStop } = useChatSurface(chat, { initialText: initialPrompt, preferredModel })
  const { refreshAccount } = chat
  const jobs = chat.thread?.jobs ?? []
  // A stable callback: the memoised header then skips every streamed update.
  const onOpenInTab = useMemo(() => (openInTab ? () => openInTab(threadKey) : undefined), [openInTab, threadKey])

  return (
    <div class="popup">
      <Header
        conversationId={linkableConversationId(chat.thread)}
        models={chat.models}
        model={model}
        onModelChange={setPicked}
        onNewChat={chat.newChat}
        onOpenUrl={openUrl}
        canStartNewChat={jobs.length > 0}
        {...(onOpenInTab ? { onOpenInTab } : {})}
      />
      {loggedOut && <ErrorNotice error={chat.account?.error ?? NOT_LOGGED_IN} onOpenUrl={openUrl} onRetry={refreshAccount} />}
      <ChatThread
        thread={chat.thread}
        onRegenerate={chat.regenerate}
        onContinue={chat.continueAnswer}
        onRetry={chat.retry}
        onCheckResult={chat.checkResult}
        onOpenUrl={openUrl}
        onNewChat={chat.newChat}
      />
      {!chat.connected && <p class="popup-note" role="status">{t('reconnecting')}</p>}
      {chat.refused && <p class="popup-note" role="status">{t('requestRefused')}</p>}
      <Composer value={text} onInput={onInput} onSend={submit} {...(onStop ? { onStop } : {})} />
    </div>
  )
}
