/**
 * Turns a refused HTTP response into the one `ChatGptError` the UI knows how to explain
 * (protocol.md §9, threats-and-faults.md F13–F17). The rules are ordered from the most specific
 * signal to the least; each says which remedy the user has, never how to get around a check.
 */
import { ChatGptError, type ChatGptErrorCode, type ChatGptErrorDetails } from '../chatgpt-error'
import { readErrorBody } from './error-body'
import { ERROR_BODY_LIMIT, parseJsonOrUndefined, readBoundedText } from './read-bounded'
import { retryAtFrom } from './retry-at'

/** Which call failed: the same status means different things on different endpoints. */
export type ResponseContext = 'session' | 'sentinel' | 'conversation' | 'other'

/** What classification looks at: status, the two headers that matter and the (bounded) body. */
export interface HttpFailure {
  status: number
  contentType: string
  cfMitigated: string | null
  retryAfter: string | null
  bodyText: string
}

const CLOUDFLARE_TEXT = /just a moment|cf-please-wait|cf-chl-|challenge-platform|attention required/i
const HUMAN_CHECK_TEXT = /turnstile|arkose|captcha|human/i
const UNUSUAL_TEXT = /unusual activity/i
const ONE_AT_A_TIME_TEXT = /only one message at a time/i
const TOO_LONG_TEXT = /message you submitted was too long/i
const CONVERSATION_GONE_TEXT = /conversation (key )?not found/i

/**
 * Classifies a refused response. Reads at most 64 KiB of the body.
 * @param now epoch-ms clock for `retryAt`; defaults to `Date.now` (inject it in tests).
 */
export async function toChatGptError(
  response: Response,
  context: ResponseContext,
  now: () => number = Date.now,
): Promise<ChatGptError> {
  const failure: HttpFailure = {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    cfMitigated: response.headers.get('cf-mitigated'),
    retryAfter: response.headers.get('retry-after'),
    bodyText: await readBoundedText(response, ERROR_BODY_LIMIT),
  }
  return classifyHttpFailure(failure, context, now())
}

/** The pure rule table behind {@link toChatGptError}. */
export function classifyHttpFailure(failure: HttpFailure, context: ResponseContext, now: number): ChatGptError {
  const { status, bodyText } = failure
  const isHtml = /html/i.test(failure.contentType) || /^\s*<(!doctype|html)/i.test(bodyText)
  const facts = isHtml ? {} : readErrorBody(parseJsonOrUndefined(bodyText))
  const said = facts.message ?? (isHtml ? '' : bodyText.trim().slice(0, 300))
  const details: ChatGptErrorDetails = { status }
  if (said) details.serverMessage = said.slice(0, 500)
  const make = (code: ChatGptErrorCode, message: string) => new ChatGptError(code, message, details)
  const mentions = (pattern: RegExp) => pattern.test(said) || pattern.test(facts.code ?? '')

  // A Cloudflare challenge can come with any status (403, 503); the header is the surest sign.
  if (failure.cfMitigated?.toLowerCase() === 'challenge') return make('cloudflare-check', 'chatgpt.com asks for a security check.')
  if (status === 401) {
    // On the session endpoint a 401 means "no session", not "old bearer token".
    if (context === 'session') return make('not-logged-in', 'Not logged in to chatgpt.com.')
    return make('token-expired', facts.code === 'token_expired' ? 'The access token expired.' : 'chatgpt.com refused the access token.')
  }
  if (status === 403) return classify403(make, { isHtml, bodyText, said, context, mentions })
  // "Conversation key not found" came with a 4xx other than 404 (ChatGPTBox#627).
  if (facts.code === 'conversation_not_found' || (status >= 400 && status < 500 && mentions(CONVERSATION_GONE_TEXT))) {
    return make('conversation-not-found', 'This conversation no longer exists on chatgpt.com.')
  }
  if (status === 413 || mentions(TOO_LONG_TEXT)) return make('too-long', 'The message is too long.')
  if (status === 429) {
    if (mentions(ONE_AT_A_TIME_TEXT)) return make('one-at-a-time', 'Another answer is still being written.')
    const retryAt = retryAtFrom(facts.clearsInSec, failure.retryAfter, now)
    if (retryAt !== undefined) details.retryAt = retryAt
    return make('rate-limited', 'ChatGPT rate limit reached.')
  }
  if (facts.code === 'flagged_by_moderation' || (status === 400 && /moderation/i.test(facts.code ?? ''))) {
    return make('moderation', 'The content was flagged by moderation.')
  }
  if (status >= 500) return make('server', `chatgpt.com had a server error (${status}).`)
  // Includes a 404 from a sentinel/send endpoint: the caller reads details.status to fall back.
  return make('unknown', `chatgpt.com answered ${status}${facts.code ? ` (${facts.code})` : ''}.`)
}

interface Facts403 {
  isHtml: boolean
  bodyText: string
  said: string
  context: ResponseContext
  mentions: (pattern: RegExp) => boolean
}

function classify403(make: (code: ChatGptErrorCode, message: string) => ChatGptError, f: Facts403): ChatGptError {
  if (f.isHtml || CLOUDFLARE_TEXT.test(f.bodyText)) return make('cloudflare-check', 'chatgpt.com asks for a security check.')
  if (f.mentions(HUMAN_CHECK_TEXT)) return make('human-check-required', 'chatgpt.com wants a human check.')
  // Every extension anchor maps a 403 on /api/auth/session to "pass the check at chatgpt.com".
  if (f.context === 'session') return make('cloudflare-check', 'chatgpt.com asks for a security check.')
  // 2026: a rejected proof at the conversation POST is a bare 403 with an empty body.
  if (f.mentions(UNUSUAL_TEXT) || f.bodyText.trim() === '') {
    return make('unusual-activity', 'chatgpt.com reported unusual activity.')
  }
  return make('unknown', 'chatgpt.com refused the request (403).')
}
