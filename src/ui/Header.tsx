/** Top bar: New chat, the model picker, "Open in tab" where offered, and "Open in ChatGPT" once the chat exists there. */
import { useT } from './i18n'
import { memo } from './memo'
import { ModelPicker } from './ModelPicker'
import type { ModelChoice } from './view-types'

interface Props {
  /** ChatGPT's id for this conversation, once the first answer has started. */
  conversationId: string | undefined
  models: readonly ModelChoice[]
  model: string | undefined
  onModelChange: (slug: string) => void
  onNewChat: () => void
  onOpenUrl: (url: string) => void
  /** Disables New chat while there is nothing to reset. */
  canStartNewChat?: boolean
  /** Shows "Open in tab": the same thread on the full-page chat (the popup offers it). */
  onOpenInTab?: () => void
}

/**
 * The conversation id "Open in ChatGPT" may link to: only a kept conversation still has a page
 * there (a temporary one never had one, a deleted-after-use one was hidden). Threads from before
 * privacy was recorded count as kept.
 */
export function linkableConversationId(thread: { conversationId?: string; privacy?: string } | undefined): string | undefined {
  return thread?.privacy === undefined || thread.privacy === 'keep' ? thread?.conversationId : undefined
}

/** The conversation's page on chatgpt.com. */
export function conversationUrl(conversationId: string): string {
  return `https://chatgpt.com/c/${encodeURIComponent(conversationId)}`
}

/** The popup/chat header (memoised: a streamed update leaves it alone). */
export const Header = memo(function Header({ conversationId, models, model, onModelChange, onNewChat, onOpenUrl, canStartNewChat = true, onOpenInTab }: Props) {
  const t = useT()
  return (
    <header class="header">
      <button type="button" class="ui-button ui-button-quiet" data-testid="new-chat" onClick={onNewChat} disabled={!canStartNewChat}>
        {t('newChat')}
      </button>
      <ModelPicker models={models} value={model} onChange={onModelChange} />
      <span class="header-spacer" />
      {onOpenInTab && (
        // An icon with a label: the popup's 420 px header has no room for one more word.
        <button type="button" class="ui-button ui-button-quiet header-icon" data-testid="open-in-tab" aria-label={t('openInTab')} title={t('openInTab')} onClick={onOpenInTab}>
          <span aria-hidden="true">⤢</span>
        </button>
      )}
      {conversationId && (
        <a
          class="header-link"
          data-testid="open-in-chatgpt"
          href={conversationUrl(conversationId)}
          target="_blank"
          rel="noopener noreferrer"
          onClick={(event) => {
            // The surface decides how a URL opens (a popup must open a tab, not navigate itself).
            event.preventDefault()
            onOpenUrl(conversationUrl(conversationId))
          }}
        >
          {t('openInChatGpt')}
        </a>
      )}
    </header>
  )
})
