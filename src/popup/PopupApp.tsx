/**
 * The toolbar popup: header, login notice, the thread, the composer. State lives in the worker;
 * this page only shows it and sends intents through `useChatPort`.
 */
import { useMemo } from 'preact/hooks'
import { ChatSurfaceView } from './ChatSurfaceView'
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

/** The popup page's root component. */
export function PopupApp({ threadKey, initialPrompt = '', preferredModel, openUrl, openInTab, connect }: PopupAppProps) {
  const chat = useChatPort({ threadKey, surface: 'popup', ...(connect ? { connect } : {}) })
  const surface = useChatSurface(chat, { initialText: initialPrompt, preferredModel })
  // A stable callback: the memoised header then skips every streamed update.
  const onOpenInTab = useMemo(() => (openInTab ? () => openInTab(threadKey) : undefined), [openInTab, threadKey])
  return (
    <div class="popup">
      <ChatSurfaceView chat={chat} surface={surface} openUrl={openUrl} noteClass="popup-note" {...(onOpenInTab ? { onOpenInTab } : {})} />
    </div>
  )
}
