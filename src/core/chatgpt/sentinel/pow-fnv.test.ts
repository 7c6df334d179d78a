import { describe, expect, it } from 'vitest'
import { buildConfigV2 } from './config-array'
import { FNV_FALLBACK_TOKEN, fmix32, fnv1a32, powHash32Hex, solveFnvPow } from './pow-fnv'
import { workerLikeEnvironment } from './test-environment'

/** Independent reference: BigInt arithmetic, straight from the protocol.md §5.3 pseudocode. */
function referenceHash(text: string): string {
  const M = 0xffffffffn
  let h = 0x811c9dc5n
  for (let i = 0; i < text.length; i++) h = ((h ^ BigInt(text.charCodeAt(i))) * 0x01000193n) & M
  h ^= h >> 16n
  h = (h * 0x85ebca6bn) & M
  h ^= h >> 13n
  h = (h * 0xc2b2ae35n) & M
  h ^= h >> 16n
  return h.toString(16).padStart(8, '0')
}

const config = () => buildConfigV2(workerLikeEnvironment(), () => 0.5)

describe('FNV-1a 32 + fmix32', () => {
  it('matches the published FNV-1a 32 vectors before fmix', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5)
    expect(fnv1a32('a')).toBe(0xe40c292c)
    expect(fnv1a32('foobar')).toBe(0xbf9cf968)
  })

  it('matches murmur3 fmix32 vectors', () => {
    expect(fmix32(0)).toBe(0)
    expect(fmix32(1)).toBe(0x514e28b7)
  })

  it('matches the reference (and a Python run of qawow _fnv1a32) on full hashes', () => {
    // Values computed with the Python implementation quoted in protocol.md's source.
    expect(powHash32Hex('')).toBe('ab3e7c0b')
    expect(powHash32Hex('a')).toBe('1a80b1b3')
    expect(powHash32Hex('foobar')).toBe('0c0da6dc')
    expect(powHash32Hex('0.4244812345eyJhIjoxfQ==')).toBe('c9266336')
    // Code units, not code points: an astral character counts twice.
    expect(powHash32Hex('é😀')).toBe('f7e88df0')
    for (const text of ['', 'x', 'seed' + 'A'.repeat(999), 'ümlaut−']) expect(powHash32Hex(text)).toBe(referenceHash(text))
  })
})

describe('solveFnvPow', () => {
  it.each(['0fffff', '00ff', '0fff', '1'])('produces a token that verifies independently at %s', async (difficulty) => {
    const seed = '0.8167315614371542'
    const solution = await solveFnvPow(seed, difficulty, config(), { now: () => 0 })
    expect(solution.solved).toBe(true)
    expect(solution.token).toMatch(/^gAAAAAB[A-Za-z0-9+/=]+~S$/)
    const b64 = solution.token.slice(7, -2)
    expect(referenceHash(seed + b64).slice(0, difficulty.length) <= difficulty).toBe(true)
    const decoded = JSON.parse(Buffer.from(b64, 'base64').toString('utf8')) as unknown[]
    expect(decoded).toHaveLength(25)
    expect(decoded[3]).toBe(solution.iterations - 1)
    expect(decoded.filter((_, i) => i !== 3 && i !== 9)).toEqual(config().filter((_, i) => i !== 3 && i !== 9))
  })

  it('writes elapsed milliseconds into config[9]', async () => {
    let t = 1000
    const solution = await solveFnvPow('s', '00', config(), { now: () => (t += 3), yieldAfterMs: Infinity })
    const decoded = JSON.parse(Buffer.from(solution.token.slice(7, -2), 'base64').toString('utf8')) as number[]
    expect(decoded[9]).toBe(3 * solution.iterations)
  })

  it('returns the documented fallback when the bound is hit, yielding on the way', async () => {
    let yields = 0
    // '/' sorts below '0', so no hash can meet it.
    const impossible = await solveFnvPow('s', '/', config(), {
      now: () => 0,
      maxIterations: 1000,
      yieldEvery: 100,
      yieldControl: async () => void (yields += 1),
    })
    expect(impossible).toMatchObject({ solved: false, iterations: 1000, token: FNV_FALLBACK_TOKEN })
    expect(FNV_FALLBACK_TOKEN).toBe('gAAAAABwQ8Lk5FbGpA2NcR9dShT6gYjU7VxZ4DImUi')
    expect(yields).toBe(9)
  })

  it('stops with aborted when the signal fires', async () => {
    const controller = new AbortController()
    const run = solveFnvPow('s', '/', config(), {
      now: () => 0,
      yieldEvery: 10,
      signal: controller.signal,
      yieldControl: async () => controller.abort(),
    })
    await expect(run).rejects.toMatchObject({ code: 'aborted' })
  })
})

describe('yielding', () => {
  it('yields after yieldAfterMs of work even before yieldEvery tries', async () => {
    let t = 0
    let yields = 0
    await solveFnvPow('s', '/', config(), { now: () => (t += 1), maxIterations: 200, yieldAfterMs: 20, yieldControl: async () => void (yields += 1) })
    // One clock read per try plus one after each yield: a yield about every 20 tries.
    expect(yields).toBeGreaterThanOrEqual(8)
    expect(yields).toBeLessThanOrEqual(10)
  })
})
