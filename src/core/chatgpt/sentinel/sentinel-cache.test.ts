import { describe, expect, it } from 'vitest'
import { createSentinelCache } from './sentinel-cache'

interface B {
  id: number
  expiresAt: number
}

function setup(marginMs = 30_000) {
  let t = 0
  let n = 0
  let fetches = 0
  const cache = createSentinelCache<B>({ now: () => t, marginMs })
  const fetchBundle = async (): Promise<B> => {
    fetches += 1
    await Promise.resolve()
    return { id: (n += 1), expiresAt: t + 540_000 }
  }
  return { cache, fetchBundle, advance: (ms: number) => void (t += ms), fetches: () => fetches }
}

describe('createSentinelCache', () => {
  it('hands a prefetched bundle out exactly once', async () => {
    const s = setup()
    await s.cache.prefetch('prepare-finalize', s.fetchBundle)
    expect(s.cache.take('prepare-finalize')?.id).toBe(1)
    expect(s.cache.take('prepare-finalize')).toBeUndefined()
  })

  it('keys by generation', async () => {
    const s = setup()
    await s.cache.prefetch('single-step', s.fetchBundle)
    expect(s.cache.take('prepare-finalize')).toBeUndefined()
    expect(s.cache.take('single-step')?.id).toBe(1)
  })

  it('prefetch is single-flight and a no-op while a usable bundle is cached', async () => {
    const s = setup()
    await Promise.all([s.cache.prefetch('k', s.fetchBundle), s.cache.prefetch('k', s.fetchBundle), s.cache.prefetch('k', s.fetchBundle)])
    await s.cache.prefetch('k', s.fetchBundle)
    expect(s.fetches()).toBe(1)
  })

  it('discards bundles within the margin of expire_after', async () => {
    const s = setup()
    await s.cache.prefetch('k', s.fetchBundle)
    s.advance(540_000 - 30_000)
    expect(s.cache.take('k')).toBeUndefined()
    // and a stale one is replaced by the next prefetch
    await s.cache.prefetch('k', s.fetchBundle)
    s.advance(540_000 - 30_001)
    expect(s.cache.take('k')?.id).toBe(1 + 1)
  })

  it('claim waits for a prefetch under way; only one of two claims gets it', async () => {
    const s = setup()
    void s.cache.prefetch('k', s.fetchBundle)
    const [a, b] = await Promise.all([s.cache.claim('k'), s.cache.claim('k')])
    expect([a?.id, b?.id].sort()).toEqual([1, undefined])
  })

  it('a failed prefetch resolves and leaves the cache empty', async () => {
    const s = setup()
    await expect(s.cache.prefetch('k', async () => Promise.reject(new Error('unusual activity')))).resolves.toBeUndefined()
    expect(s.cache.take('k')).toBeUndefined()
  })

  it('clear drops everything', async () => {
    const s = setup()
    await s.cache.prefetch('k', s.fetchBundle)
    s.cache.clear()
    expect(s.cache.take('k')).toBeUndefined()
  })
})
