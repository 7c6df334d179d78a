/** Top bar: New chat, the model picker, and "Open in ChatGPT" once the chat exists there. */
import { useT } from './i18n'
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
}

/** The conversation's page on chatgpt.com. */
export function conversationUrl(conversationId: string): string {
  return `https://chatgpt.com/c/${encodeURIComponent(conversationId)}`
}

/** The popup/chat header. */
export function Header({ conversationId, models, model, onModelChange, onNewChat, onOpenUrl, canStartNewChat = true }: Props) {
  const t = useT()
  return (
    <header class="header">
      <button type="button" class="ui-button ui-button-quiet" data-testid="new-chat" onClick={onNewChat} disabled={!canStartNewChat}>
        {t('newChat')}
      </button>
      <ModelPicker models={models} value={model} onChange={onModelChange} />
      <span class="header-spacer" />
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
}
