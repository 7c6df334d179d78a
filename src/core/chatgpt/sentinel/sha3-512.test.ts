import { createHash, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { Sha3_512 } from './sha3-512'

// The reference is Node's OpenSSL SHA3, an independent implementation.
const expected = (data: Uint8Array) => createHash('sha3-512').update(data).digest('hex')
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const digestOf = (hasher: Sha3_512) => {
  const out = new Uint8Array(64)
  hasher.digestInto(out)
  return hex(out)
}
const sha3 = (data: Uint8Array) => digestOf(new Sha3_512().update(data))

/** Small seeded generator, so a failure names a reproducible case. */
function rng(seed: number) {
  let a = seed
  return (below: number) => {
    a = (Math.imul(a ^ (a >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0
    return ((a >>> 0) % below) | 0
  }
}

describe('Sha3_512', () => {
  it('gives the FIPS 202 digest of the empty string', () => {
    expect(sha3(new Uint8Array(0))).toBe(
      'a69f73cca23a9ac5c8b567dc185a756e97c982164fe25859e0d1dcc1475c80a6' +
        '15b2123af1f5f94c11e3e9402c3ac558f500199d95b6d3e301758586281dcd26',
    )
  })

  it('matches node:crypto for every length 0..300 (each block boundary and padding case)', () => {
    const data = randomBytes(300)
    for (let length = 0; length <= 300; length++) {
      const input = data.subarray(0, length)
      expect(sha3(input), `length ${length}`).toBe(expected(input))
    }
  })

  it('pads correctly when the message ends one byte before a block (0x06 and 0x80 share a byte)', () => {
    const input = new Uint8Array(71).fill(0xa5)
    expect(sha3(input)).toBe(expected(input))
  })

  it('matches node:crypto on long random inputs', () => {
    for (const length of [1_000, 4_099, 65_537, 200_003]) {
      const input = randomBytes(length)
      expect(sha3(input), `length ${length}`).toBe(expected(input))
    }
  })

  it('gives the same digest however update() splits the input', () => {
    const next = rng(20261126)
    for (let round = 0; round < 200; round++) {
      const input = randomBytes(next(700))
      const hasher = new Sha3_512()
      for (let at = 0; at < input.length; ) {
        const end = Math.min(input.length, at + next(80))
        hasher.update(input.subarray(at, end))
        at = end
      }
      expect(digestOf(hasher), `round ${round}, length ${input.length}`).toBe(expected(input))
    }
  })

  it('lets a copy and its original diverge without affecting each other', () => {
    const prefix = randomBytes(150)
    const [tailA, tailB] = [randomBytes(90), randomBytes(33)]
    const base = new Sha3_512().update(prefix)
    const copy = base.copyInto()
    copy.update(tailA)
    base.update(tailB)
    expect(digestOf(copy)).toBe(expected(Buffer.concat([prefix, tailA])))
    expect(digestOf(base)).toBe(expected(Buffer.concat([prefix, tailB])))
  })

  it('resumes from one absorbed prefix many times through a reused copy (the PoW pattern)', () => {
    const prefix = randomBytes(77)
    const base = new Sha3_512().update(prefix)
    const work = new Sha3_512().update(randomBytes(5)) // stale state copyInto must overwrite
    for (let i = 0; i < 20; i++) {
      const tail = randomBytes(i * 13)
      expect(digestOf(base.copyInto(work).update(tail)), `try ${i}`).toBe(expected(Buffer.concat([prefix, tail])))
    }
    expect(digestOf(base)).toBe(expected(prefix))
  })

  it('refuses to be used after its digest, and a too-short output', () => {
    const hasher = new Sha3_512().update(new Uint8Array([1, 2, 3]))
    expect(() => hasher.digestInto(new Uint8Array(63))).toThrow(/sha3/)
    hasher.digestInto(new Uint8Array(64))
    expect(() => hasher.update(new Uint8Array(1))).toThrow(/digested/)
    expect(() => hasher.digestInto(new Uint8Array(64))).toThrow(/digested/)
  })
})
