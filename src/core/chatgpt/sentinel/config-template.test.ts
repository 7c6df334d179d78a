import { describe, expect, it } from 'vitest'
import { createConfigTemplate, splitConfigJson } from './config-template'
import { asciiString } from './base64'

const naive = (config: unknown[], slots: number[], values: number[]) => {
  const filled = [...config]
  slots.forEach((slot, i) => (filled[slot] = values[i]))
  return Buffer.from(JSON.stringify(filled), 'utf8').toString('base64')
}

/** Deterministic PRNG so failures reproduce. */
function mulberry32(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('splitConfigJson', () => {
  it('splits the JSON around the slots', () => {
    expect(splitConfigJson([1, 'a', null, 0, 'x', 2], [3])).toEqual(['[1,"a",null,', ',"x",2]'])
    expect(splitConfigJson([0], [0])).toEqual(['[', ']'])
  })
})

describe('createConfigTemplate', () => {
  it('matches base64(JSON.stringify(config)) for any alignment, length and non-ASCII text', () => {
    const random = mulberry32(42)
    const words = ['', 'a', 'ab', 'Mitteleuropäische', '−', '😀', 'x'.repeat(37), '"quoted"\\']
    for (let run = 0; run < 400; run++) {
      const length = 10 + Math.floor(random() * 16)
      const config: unknown[] = Array.from({ length }, () => {
        const r = random()
        if (r < 0.2) return null
        if (r < 0.4) return Math.floor(random() * 1e6) / (r < 0.3 ? 1 : 7)
        return words[Math.floor(random() * words.length)]! + words[Math.floor(random() * words.length)]!
      })
      const template = createConfigTemplate(config, [3, 9])
      const out = new Uint8Array(template.maxLength + 5)
      for (const values of [[0, 0], [7, 12], [99, 3], [123456, 1], [499999, 65432]] as number[][]) {
        const end = template.write(values, out, 5)
        expect(asciiString(out.subarray(5, end))).toBe(naive(config, [3, 9], values))
        expect(asciiString(out.subarray(5, 5 + template.head.length))).toBe(asciiString(template.head))
      }
    }
  })

  it('handles adjacent slots and slots at the ends', () => {
    const config = ['ab', 0, 0, 'c', 0]
    const template = createConfigTemplate(config, [1, 2, 4])
    const out = new Uint8Array(template.maxLength)
    for (const values of [[1, 2, 3], [10, 200, 3000], [0, 0, 0]]) {
      const end = template.write(values, out, 0)
      expect(asciiString(out.subarray(0, end))).toBe(naive(config, [1, 2, 4], values))
    }
  })
})
