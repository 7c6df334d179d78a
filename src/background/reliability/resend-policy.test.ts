import { describe, expect, it } from 'vitest'
import { ChatGptError } from '../../core/chatgpt/chatgpt-error'
import { BUSY_TRIES, MAX_RATE_WAIT_MS, RATE_TRIES, waitBeforeResend } from './resend-policy'

const NOW = 1_000_000
const http = (code: 'rate-limited' | 'one-at-a-time' | 'server' | 'token-expired', details: object = {}) =>
  new ChatGptError(code, 'refused', { status: code === 'server' ? 500 : 429, ...details })

describe('waitBeforeResend', () => {
  it('honours Retry-After / clears_in within a minute, and says until when', () => {
    expect(waitBeforeResend(http('rate-limited', { retryAt: NOW + 2_000 }), 0, false, NOW)).toEqual({ ms: 2_000, until: NOW + 2_000 })
    expect(waitBeforeResend(http('rate-limited', { retryAt: NOW - 5 }), 0, false, NOW)).toEqual({ ms: 0, until: NOW - 5 })
  })

  it('does not wait out a quota: the reset time is shown instead', () => {
    expect(waitBeforeResend(http('rate-limited', { retryAt: NOW + MAX_RATE_WAIT_MS + 1 }), 0, false, NOW)).toBeUndefined()
    expect(waitBeforeResend(http('rate-limited', { retryAt: NOW + 9_665_000 }), 0, false, NOW)).toBeUndefined()
  })

  it('backs off 1, 2, 4 s without a hint, at most three times', () => {
    const waits = Array.from({ length: RATE_TRIES + 1 }, (_, attempt) => waitBeforeResend(http('rate-limited'), attempt, false, NOW)?.ms)
    expect(waits).toEqual([1_000, 2_000, 4_000, undefined])
  })

  it('waits for "Only one message at a time", boundedly', () => {
    expect(waitBeforeResend(http('one-at-a-time'), 0, false, NOW)).toEqual({ ms: 3_000 })
    expect(waitBeforeResend(http('one-at-a-time'), BUSY_TRIES, false, NOW)).toBeUndefined()
  })

  it('never once the answer started, and never for errors from inside the stream', () => {
    expect(waitBeforeResend(http('rate-limited', { retryAt: NOW + 1 }), 0, true, NOW)).toBeUndefined()
    expect(waitBeforeResend(new ChatGptError('rate-limited', 'in the stream', { retryAt: NOW + 1 }), 0, false, NOW)).toBeUndefined()
    expect(waitBeforeResend(new ChatGptError('one-at-a-time', 'in the stream'), 0, false, NOW)).toBeUndefined()
  })

  it('never for other failures', () => {
    expect(waitBeforeResend(http('server'), 0, false, NOW)).toBeUndefined()
    expect(waitBeforeResend(http('token-expired'), 0, false, NOW)).toBeUndefined()
    expect(waitBeforeResend(new TypeError('Failed to fetch'), 0, false, NOW)).toBeUndefined()
  })
})
