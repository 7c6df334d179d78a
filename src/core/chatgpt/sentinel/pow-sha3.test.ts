import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { buildConfigV1 } from './config-array'
import { sha3RequirementsToken, solveSha3Pow } from './pow-sha3'
import { workerLikeEnvironment } from './test-environment'

// Independent check with Node's OpenSSL SHA3, not our sha3-512.ts under test.
const sha3Hex = (text: string) => createHash('sha3-512').update(text, 'utf8').digest('hex')
const config = () => buildConfigV1(workerLikeEnvironment(), () => 0.25)
const decode = (b64: string) => JSON.parse(Buffer.from(b64, 'base64').toString('utf8')) as unknown[]

describe('solveSha3Pow', () => {
  it.each(['0fffff', '00ffff', '003a8f'])('produces a proof that verifies independently at %s', async (difficulty) => {
    const seed = '0.4244812345'
    const solution = await solveSha3Pow(seed, difficulty, config(), { now: () => 0 })
    expect(solution.solved).toBe(true)
    expect(solution.token).toMatch(/^gAAAAAB[A-Za-z0-9+/=]+$/)
    const b64 = solution.token.slice(7)
    expect(sha3Hex(seed + b64).slice(0, difficulty.length) <= difficulty).toBe(true)
    const decoded = decode(b64)
    expect(decoded).toHaveLength(18)
    expect(decoded[3]).toBe(solution.iterations - 1)
  })

  it('returns gAAAAAB + wQ8Lk… + base64("seed") when unsolved', async () => {
    const solution = await solveSha3Pow('0.5', '/', config(), { now: () => 0, maxIterations: 50 })
    expect(solution).toMatchObject({ solved: false, iterations: 50 })
    expect(solution.token).toBe('gAAAAABwQ8Lk5FbGpA2NcR9dShT6gYjU7VxZ4D' + Buffer.from('"0.5"').toString('base64'))
  })
})

describe('sha3RequirementsToken', () => {
  it('is gAAAAAC + an answer for String(random()) at 0fffff', async () => {
    const p = await sha3RequirementsToken(config(), { now: () => 0, random: () => 0.125 })
    expect(p.startsWith('gAAAAAC')).toBe(true)
    const b64 = p.slice(7)
    expect(sha3Hex('0.125' + b64).slice(0, 6) <= '0fffff').toBe(true)
    expect(decode(b64)).toHaveLength(18)
  })
})
