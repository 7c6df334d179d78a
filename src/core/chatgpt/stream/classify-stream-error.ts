import { ChatGptError } from '../chatgpt-error'
import type { ChatGptErrorCode, ChatGptErrorDetails } from '../chatgpt-error'
import { isRecord } from './apply-delta-op'

// Ordered: the first match wins. "Only one message at a time… wait one minute" must not read as
// a rate limit, and "unusual activity… try again later" must not read as a server error.
const RULES: ReadonlyArray<readonly [ChatGptErrorCode, RegExp]> = [
  ['unusual-activity', /unusual[ _]activity/i],
  ['one-at-a-time', /only one message at a time/i],
  ['moderation', /flagged|moderation|blocked|content[ _]policy|violat/i],
  ['rate-limited', /rate[ _]limit|too[ _]many|limit of messages|usage cap|cap[ _]exceeded|limit reached/i],
  ['too-long', /too[ _]long|context[ _]length/i],
  ['conversation-not-found', /conversation (key )?not[ _]found|conversation_not_found/i],
  ['token-expired', /token[ _]expired|token has expired/i],
]

// Server text is shown only as secondary detail; a cap keeps a hostile body out of storage.
const MAX_SERVER_MESSAGE = 500

/**
 * Maps an in-stream error's text and/or code to the one remedy the user can take. Unrecognised
 * text means the server failed this turn (`server`: retry later); no text at all is `unknown`.
 */
export function classifyStreamError(text: string | undefined, code?: string): ChatGptErrorCode {
  const haystack = `${code ?? ''} ${text ?? ''}`
  for (const [errorCode, pattern] of RULES) if (pattern.test(haystack)) return errorCode
  return text || code ? 'server' : 'unknown'
}

/**
 * Builds the ChatGptError for an in-stream `error` / `error_code` value. `error` is a string in
 * every capture (`{"message":null,"error":"Our systems have detected unusual activity…"}`), but
 * HTTP-style objects (`{message, code, clears_in}` or `{detail: …}`) are accepted too.
 */
export function toStreamError(error: unknown, errorCode?: unknown, now: () => number = Date.now): ChatGptError {
  const fields = errorFields(error)
  const code = fields.code ?? (typeof errorCode === 'string' ? errorCode : undefined)
  const kind = classifyStreamError(fields.message, code)
  const details: ChatGptErrorDetails = {}
  const serverMessage = fields.message ?? code
  if (serverMessage) details.serverMessage = serverMessage.slice(0, MAX_SERVER_MESSAGE)
  if (kind === 'rate-limited' && fields.clearsInSec !== undefined) details.retryAt = now() + fields.clearsInSec * 1000
  return new ChatGptError(kind, `ChatGPT reported an error while answering (${kind}).`, details)
}

interface ErrorFields {
  message?: string
  code?: string
  clearsInSec?: number
}

function errorFields(error: unknown, depth = 0): ErrorFields {
  if (typeof error === 'string') return { message: error }
  if (!isRecord(error) || depth > 2) return {}
  // `{detail: {...}}` and `{error: {...}}` wrap the same fields one level down.
  const inner = error.detail ?? error.error
  if (inner !== undefined && inner !== null && error.message === undefined) return errorFields(inner, depth + 1)
  const clearsIn = error.clears_in
  return {
    message: typeof error.message === 'string' ? error.message : undefined,
    code: typeof error.code === 'string' ? error.code : undefined,
    clearsInSec: typeof clearsIn === 'number' && Number.isFinite(clearsIn) && clearsIn >= 0 ? clearsIn : undefined,
  }
}
