/**
 * When a refused send may be sent again by itself (threats-and-faults F15, F16). Only a refusal
 * that came back as an HTTP status before any answer byte qualifies: the server answered "not
 * now" and did not take the message, so the same message id goes again. Anything that reached the
 * stream (even a rate limit reported inside it) is never re-sent: that would duplicate the turn.
 */
import { ChatGptError } from '../../core/chatgpt/chatgpt-error'

/** "Only one message at a time": another tab or chatgpt.com itself is answering. */
export const BUSY_WAIT_MS = 3_000
export const BUSY_TRIES = 20
/** A rate limit that clears within this is waited out; a longer one (a quota) is shown instead. */
export const MAX_RATE_WAIT_MS = 60_000
export const RATE_TRIES = 3

export interface ResendWait {
  ms: number
  /** For rate limits: when the server said it clears (shown to the user). */
  until?: number
}

/**
 * @param attempt how many times this job was already refused (0 for the first refusal)
 * @param answerStarted any update arrived from the stream of the failed attempt
 */
export function waitBeforeResend(error: unknown, attempt: number, answerStarted: boolean, now: number): ResendWait | undefined {
  if (answerStarted || !(error instanceof ChatGptError) || error.details.status === undefined) return undefined
  if (error.code === 'one-at-a-time') return attempt < BUSY_TRIES ? { ms: BUSY_WAIT_MS } : undefined
  if (error.code !== 'rate-limited' || attempt >= RATE_TRIES) return undefined
  const { retryAt } = error.details
  // No hint: back off 1 s, 2 s, 4 s.
  if (retryAt === undefined) return { ms: 1_000 * 2 ** attempt }
  const ms = Math.max(0, retryAt - now)
  return ms <= MAX_RATE_WAIT_MS ? { ms, until: retryAt } : undefined
}
