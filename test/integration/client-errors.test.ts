/**
 * Every error code the client can raise, produced by the matching stand-in fault (protocol.md §9).
 * One code per user remedy. (The 5-way 401 refresh race is pinned deterministically in
 * src/core/chatgpt/session/with-token-retry.test.ts.)
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { faults, SEND, startStandIn, type StandIn } from '../chatgpt-stand-in/index'
import { ChatGptError, type ChatGptErrorCode } from '../../src/core/chatgpt/chatgpt-error'
import { createTestClient, newThread, runTurn } from './client-harness'

let standIn: StandIn
beforeAll(async () => {
  standIn = await startStandIn({ era: '2026' })
})
afterAll(async () => {
  await standIn.close()
})
beforeEach(() => standIn.reset())

async function codeOf(promise: Promise<unknown>): Promise<ChatGptErrorCode> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ChatGptError) return error.code
    throw error
  }
  throw new Error('expected a ChatGptError')
}

const ask = (options: { loggedIn?: boolean } = {}, signal?: AbortSignal) =>
  runTurn(createTestClient(standIn, options), newThread(), 'next', 'question', signal)

describe('error codes', () => {
  it('not-logged-in: the session is {}', async () => {
    expect(await codeOf(ask({ loggedIn: false }))).toBe('not-logged-in')
  })

  it('cloudflare-check: 403 "Just a moment..." with cf-mitigated', async () => {
    standIn.setMode({ cloudflare: true })
    expect(await codeOf(ask())).toBe('cloudflare-check')
  })

  it('human-check-required: turnstile demanded and the send refused', async () => {
    standIn.setMode({ turnstileRequired: true })
    expect(await codeOf(ask())).toBe('human-check-required')
  })

  it('unusual-activity', async () => {
    standIn.injectFault(faults.unusualActivity())
    expect(await codeOf(ask())).toBe('unusual-activity')
  })

  it('token-expired: still 401 after one refresh', async () => {
    standIn.injectFault(faults.tokenExpired({ match: SEND, times: 2 }))
    expect(await codeOf(ask())).toBe('token-expired')
  })

  it('a single expired token is refreshed once and the send succeeds', async () => {
    standIn.injectFault(faults.tokenExpired({ match: SEND, times: 1 }))
    const turn = await ask()
    expect(turn.outcome.kind).toBe('complete')
    expect(standIn.log.filter((e) => e.path === '/api/auth/session')).toHaveLength(2)
    expect(standIn.violations()).toEqual([])
  })

  it('rate-limited with the reset time from clears_in', async () => {
    standIn.injectFault(faults.rateLimited({ clearsIn: 600 }))
    const before = Date.now()
    const error = await ask().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChatGptError)
    expect((error as ChatGptError).code).toBe('rate-limited')
    const retryAt = (error as ChatGptError).details.retryAt ?? 0
    expect(retryAt).toBeGreaterThanOrEqual(before + 600_000)
    expect(retryAt).toBeLessThan(before + 610_000)
  })

  it('one-at-a-time', async () => {
    standIn.injectFault(faults.oneAtATime())
    expect(await codeOf(ask())).toBe('one-at-a-time')
  })

  it('conversation-not-found', async () => {
    standIn.injectFault(faults.conversationNotFound())
    expect(await codeOf(ask())).toBe('conversation-not-found')
  })

  it('too-long', async () => {
    standIn.injectFault(faults.tooLong())
    expect(await codeOf(ask())).toBe('too-long')
  })

  it('moderation', async () => {
    standIn.injectFault(faults.moderation())
    expect(await codeOf(ask())).toBe('moderation')
  })

  it('server', async () => {
    standIn.injectFault(faults.serverError())
    expect(await codeOf(ask())).toBe('server')
  })

  it('network: the connection is refused', async () => {
    standIn.injectFault({ match: SEND, kind: 'refuse' })
    expect(await codeOf(ask())).toBe('network')
  })

  it('unknown: a 422 the client cannot act on', async () => {
    standIn.injectFault(faults.unprocessable())
    expect(await codeOf(ask())).toBe('unknown')
  })

  it('interrupted: a stream cut before the end is never reported complete', async () => {
    standIn.queueAnswer({ text: 'a long answer '.repeat(20) })
    standIn.injectFault({ match: SEND, kind: 'truncate', afterFrames: 6 })
    const turn = await ask()
    expect(turn.outcome.kind).toBe('interrupted')
  })

  it('moderation or unusual activity inside the stream stops the answer with that code', async () => {
    standIn.queueAnswer({ text: 'some text that will be cut by an error event' })
    standIn.injectFault({ match: SEND, kind: 'streamError', afterFrames: 4 })
    const code = await codeOf(ask())
    expect(['unusual-activity', 'server', 'unknown']).toContain(code)
  })

  it('aborted: the user stopped it, and the server saw the connection close', async () => {
    standIn.queueAnswer({ text: 'slow '.repeat(400), delayMs: 30 })
    const controller = new AbortController()
    const pending = codeOf(ask({}, controller.signal))
    const streaming = () => standIn.log.find((e) => e.path === '/backend-api/f/conversation')?.bytesWritten ?? 0
    await expect.poll(streaming, { timeout: 10_000 }).toBeGreaterThan(0)
    controller.abort()
    expect(await pending).toBe('aborted')
    const send = await standIn.waitFor((e) => e.path === '/backend-api/f/conversation' && e.closedByClient)
    expect(send.finished).toBe(false)
  })
})
