/**
 * The one place that turns a ChatGptErrorCode into words and one action. Actions are callbacks:
 * the UI never navigates by itself, the surface decides how a URL opens.
 */
import { useEffect, useRef } from 'preact/hooks'
import type { ChatGptErrorCode, SerializedChatGptError } from '../core/chatgpt/chatgpt-error'
import { formatClock } from './format-clock'
import { useT } from './i18n'

/** Where "Log in to ChatGPT" goes. */
export const LOGIN_URL = 'https://chatgpt.com/auth/login'
/** Where the security check is passed. */
export const CHATGPT_URL = 'https://chatgpt.com'

/** Hands the question over to chatgpt.com when we cannot honestly send it (threats T17, R10). */
export function continueOnChatGptUrl(prompt: string | undefined): string {
  return prompt ? `${CHATGPT_URL}/?q=${encodeURIComponent(prompt)}` : `${CHATGPT_URL}/`
}

type Action = 'logIn' | 'passCheck' | 'openChatGpt' | 'continueOnChatGpt' | 'retry' | 'newChat' | 'none'

/** Message key and action per code; `Record` makes a new code a compile error until mapped. */
const COPY: Record<ChatGptErrorCode, { key: string; action: Action }> = {
  'not-logged-in': { key: 'notLoggedIn', action: 'logIn' },
  'cloudflare-check': { key: 'errCloudflareCheck', action: 'passCheck' },
  'human-check-required': { key: 'errHumanCheck', action: 'continueOnChatGpt' },
  'unusual-activity': { key: 'errUnusualActivity', action: 'continueOnChatGpt' },
  // The words name both ways forward (open a tab, or allow opening one in the options); the button takes the first.
  'relay-unavailable': { key: 'errRelayUnavailable', action: 'openChatGpt' },
  'token-expired': { key: 'errTokenExpired', action: 'logIn' },
  'rate-limited': { key: 'errRateLimited', action: 'retry' },
  'one-at-a-time': { key: 'statusQueued', action: 'retry' },
  'conversation-not-found': { key: 'errConversationNotFound', action: 'newChat' },
  'too-long': { key: 'errTooLong', action: 'none' },
  moderation: { key: 'errModeration', action: 'none' },
  network: { key: 'errNetwork', action: 'retry' },
  server: { key: 'errServer', action: 'retry' },
  interrupted: { key: 'errInterrupted', action: 'retry' },
  aborted: { key: 'statusStopped', action: 'none' },
  unknown: { key: 'errUnknown', action: 'retry' },
}

const ACTION_LABEL: Record<Exclude<Action, 'none'>, string> = {
  logIn: 'logIn',
  passCheck: 'actionPassCheck',
  openChatGpt: 'actionOpenChatGpt',
  continueOnChatGpt: 'actionContinueOnChatGpt',
  retry: 'retry',
  newChat: 'newChat',
}

interface Props {
  error: SerializedChatGptError
  /** The question, so "Continue on chatgpt.com" can carry it over. */
  prompt?: string
  onOpenUrl: (url: string) => void
  /** Omit where retrying makes no sense; the Retry button is then hidden. */
  onRetry?: () => void
  onNewChat?: () => void
}

/** Shows what went wrong and the one thing the user can do about it. */
export function ErrorNotice({ error, prompt, onOpenUrl, onRetry, onNewChat }: Props) {
  const t = useT()
  const retryOnFocus = useRef<(() => void) | undefined>(undefined)
  // Remove a pending "retry when you come back" listener if the notice goes away first.
  useEffect(() => () => retryOnFocus.current?.(), [])
  const { key, action } = COPY[error.code] ?? COPY.unknown
  const message =
    error.code === 'rate-limited' && error.retryAt !== undefined ? t('errRateLimitedUntil', formatClock(error.retryAt)) : t(key)

  /** Opens chatgpt.com in another tab; when the user comes back here, retry once. */
  const openThenRetryOnFocus = (url: string) => () => {
    onOpenUrl(url)
    if (!onRetry || retryOnFocus.current) return
    const stop = () => {
      window.removeEventListener('focus', onFocus)
      retryOnFocus.current = undefined
    }
    const onFocus = () => {
      stop()
      onRetry()
    }
    window.addEventListener('focus', onFocus)
    retryOnFocus.current = stop
  }

  const handlers: Record<Exclude<Action, 'none'>, (() => void) | undefined> = {
    logIn: openThenRetryOnFocus(LOGIN_URL),
    passCheck: openThenRetryOnFocus(CHATGPT_URL),
    // With a chatgpt.com tab open the retry goes through it.
    openChatGpt: openThenRetryOnFocus(CHATGPT_URL),
    continueOnChatGpt: () => onOpenUrl(continueOnChatGptUrl(prompt)),
    retry: onRetry,
    newChat: onNewChat,
  }
  const handler = action === 'none' ? undefined : handlers[action]
  const detail = error.serverMessage?.slice(0, 300)
  return (
    <div class="notice" role={error.code === 'aborted' ? 'status' : 'alert'} data-testid="error-notice" data-code={error.code}>
      <p class="notice-message">{message}</p>
      {detail && <p class="notice-detail">{detail}</p>}
      {handler && action !== 'none' && (
        <button type="button" class="ui-button ui-button-primary" data-testid="error-action" onClick={handler}>
          {t(ACTION_LABEL[action])}
        </button>
      )}
    </div>
  )
}
