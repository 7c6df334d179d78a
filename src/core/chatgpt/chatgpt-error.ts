/**
 * One error code per remedy the user can take. The UI maps each code to words and one action
 * (ui/ErrorNotice.tsx); nothing else in the product decides what an error means to a person.
 */
export type ChatGptErrorCode =
  | 'not-logged-in' // log in at chatgpt.com
  | 'cloudflare-check' // pass the security check at chatgpt.com, then retry
  | 'human-check-required' // Turnstile/Arkose demanded: continue on chatgpt.com
  | 'unusual-activity' // 403 "Unusual activity": continue on chatgpt.com or wait
  | 'relay-unavailable' // the direct path was refused and no chatgpt.com tab can relay: open one, or allow opening one
  | 'token-expired' // 401 that survived one refresh: log in again
  | 'rate-limited' // 429 with a reset time: wait until then
  | 'one-at-a-time' // 429 "Only one message at a time": wait for the other answer
  | 'conversation-not-found' // 404: start a new chat
  | 'too-long' // 413: shorten the message
  | 'moderation' // flagged / blocked content
  | 'network' // offline, DNS, TLS, refused: retry
  | 'server' // 5xx: retry later
  | 'interrupted' // stream ended without the completion signal: check result / retry
  | 'aborted' // the user stopped it
  | 'unknown'

export interface ChatGptErrorDetails {
  /** HTTP status when the error came from a response. */
  status?: number
  /** For `rate-limited`: epoch ms when the limit clears (from `clears_in` or `Retry-After`). */
  retryAt?: number
  /** Server-supplied text, shown only as secondary detail. Never contains credentials. */
  serverMessage?: string
}

export class ChatGptError extends Error {
  override readonly name = 'ChatGptError'
  constructor(
    readonly code: ChatGptErrorCode,
    message: string,
    readonly details: ChatGptErrorDetails = {},
  ) {
    super(message)
  }

  /** The serialisable form that crosses contexts (ports, storage). */
  toJSON(): SerializedChatGptError {
    return { code: this.code, message: this.message, ...this.details }
  }
}

export interface SerializedChatGptError extends ChatGptErrorDetails {
  code: ChatGptErrorCode
  message: string
}

export function isChatGptError(value: unknown): value is ChatGptError {
  return value instanceof ChatGptError
}
