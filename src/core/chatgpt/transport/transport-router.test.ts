import { describe, expect, it } from 'vitest'
import { ChatGptError } from '../chatgpt-error'
import type { TransportUse } from './transport'
import { createTransportRouter, RELAY_MEMORY_MS, type RememberedRelay, type Route } from './transport-router'

const T0 = 1_800_000_000_000
const unusual = () => new ChatGptError('unusual-activity', 'refused', { status: 403 })
const challenge = () => new ChatGptError('cloudflare-check', 'challenge', { status: 403 })
const unavailable = () => new ChatGptError('relay-unavailable', 'no tab')
const fail = (error: Error) => async () => Promise.reject(error)
const direct = (() => Promise.reject(new Error('not called'))) as typeof fetch
const relay = (() => Promise.reject(new Error('not called'))) as typeof fetch

function setup(options: { withRelay?: boolean; stored?: RememberedRelay } = {}) {
  let now = T0
  let stored: unknown = options.stored
  const router = createTransportRouter({
    direct,
    ...(options.withRelay === false ? {} : { relay }),
    now: () => now,
    memory: { get: async () => stored, set: async (value) => void (stored = value), clear: async () => void (stored = undefined) },
  })
  const uses: Array<TransportUse | undefined> = []
  /** Runs a task that answers per route with `outcomes[kind]` and records the routes taken. */
  async function run(outcomes: Partial<Record<Route['kind'], () => Promise<string>>>, keepsRoute?: (e: unknown) => boolean) {
    const taken: string[] = []
    try {
      const value = await router.run(
        async (route) => {
          taken.push(route.kind)
          const outcome = outcomes[route.kind]
          if (!outcome) throw new Error(`unexpected ${route.kind}`)
          return outcome()
        },
        { onUse: (use) => uses.push(use), ...(keepsRoute ? { keepsRoute } : {}) },
      )
      return { taken, value }
    } catch (error) {
      return { taken, error: error as ChatGptError }
    }
  }
  return { router, run, uses, stored: () => stored, advance: (ms: number) => void (now += ms) }
}

const ok = (value: string) => async () => value

describe('transport router', () => {
  it('stays direct while the direct path answers', async () => {
    const s = setup()
    expect(await s.run({ direct: ok('a') })).toEqual({ taken: ['direct'], value: 'a' })
    expect(s.stored()).toBeUndefined()
    expect(s.uses).toEqual([])
  })

  it('a 403 unusual activity switches that request to the relay once and remembers it for 30 minutes', async () => {
    const s = setup()
    expect(await s.run({ direct: fail(unusual()), relay: ok('via tab') })).toEqual({ taken: ['direct', 'relay'], value: 'via tab' })
    expect(s.stored()).toEqual({ reason: 'unusual-activity', until: T0 + RELAY_MEMORY_MS })
    expect(s.uses).toEqual([{ via: 'relay', reason: 'unusual-activity' }])
    // The next request starts on the relay.
    expect(await s.run({ relay: ok('b') })).toEqual({ taken: ['relay'], value: 'b' })
    // After the memory expires the direct path is tried again.
    s.advance(RELAY_MEMORY_MS)
    expect(await s.run({ direct: ok('c') })).toEqual({ taken: ['direct'], value: 'c' })
    expect(s.stored()).toBeUndefined()
  })

  it('a challenge on the backend switches too; a challenge met in the tab becomes a hand-off', async () => {
    const s = setup()
    const result = await s.run({ direct: fail(challenge()), relay: fail(challenge()) })
    expect(result.taken).toEqual(['direct', 'relay'])
    expect(result.error?.code).toBe('human-check-required')
    expect(s.stored()).toMatchObject({ reason: 'cloudflare-check' })
  })

  it('a refusal through the relay is final: no second relay, no way back to direct', async () => {
    const s = setup()
    const result = await s.run({ direct: fail(unusual()), relay: fail(unusual()) })
    expect(result.taken).toEqual(['direct', 'relay'])
    expect(result.error?.code).toBe('unusual-activity')
  })

  it.each([
    ['a human check', new ChatGptError('human-check-required', 'turnstile', { status: 403 })],
    ['an expired token', new ChatGptError('token-expired', 'expired', { status: 401 })],
    ['a rate limit', new ChatGptError('rate-limited', 'slow down', { status: 429 })],
    ['a network failure', new ChatGptError('network', 'offline')],
    ['a 403 without unusual activity', new ChatGptError('unknown', '403', { status: 403 })],
  ])('does not switch for %s', async (_, error) => {
    const s = setup()
    expect(await s.run({ direct: fail(error) })).toEqual({ taken: ['direct'], error })
    expect(s.stored()).toBeUndefined()
  })

  it('does not switch for refusals the caller keeps on their route (a session challenge)', async () => {
    const s = setup()
    const error = challenge()
    expect(await s.run({ direct: fail(error) }, (e) => e === error)).toEqual({ taken: ['direct'], error })
  })

  it('without a relay, refusals are final', async () => {
    const s = setup({ withRelay: false, stored: { reason: 'unusual-activity', until: T0 + 60_000 } })
    const error = unusual()
    expect(await s.run({ direct: fail(error) })).toEqual({ taken: ['direct'], error })
  })

  it('remembered, but no tab to relay through: the direct path once; refused there, the two ways forward', async () => {
    const s = setup({ stored: { reason: 'unusual-activity', until: T0 + 60_000 } })
    expect(await s.run({ relay: fail(unavailable()), direct: ok('direct worked') })).toEqual({ taken: ['relay', 'direct'], value: 'direct worked' })
    expect(s.uses).toEqual([{ via: 'relay', reason: 'unusual-activity' }, undefined])
    const refused = await s.run({ relay: fail(unavailable()), direct: fail(unusual()) })
    expect(refused.taken).toEqual(['relay', 'direct'])
    expect(refused.error?.code).toBe('relay-unavailable')
    // The refusal renewed the memory.
    expect(s.stored()).toEqual({ reason: 'unusual-activity', until: T0 + RELAY_MEMORY_MS })
  })

  it('reads the memory a previous worker left, and forgets on request', async () => {
    const s = setup({ stored: { reason: 'cloudflare-check', until: T0 + 1000 } })
    expect(await s.router.remembered()).toEqual({ reason: 'cloudflare-check', until: T0 + 1000 })
    expect((await s.router.current()).kind).toBe('relay')
    await s.router.forget()
    expect((await s.router.current()).kind).toBe('direct')
    expect(s.stored()).toBeUndefined()
  })

  it('ignores a malformed stored value', async () => {
    const s = setup({ stored: { reason: 'because', until: 'later' } as unknown as RememberedRelay })
    expect((await s.router.current()).kind).toBe('direct')
  })
})
