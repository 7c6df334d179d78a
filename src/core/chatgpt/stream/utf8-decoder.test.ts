import { describe, expect, it } from 'vitest'
import { completeLength, createUtf8Decoder } from './utf8-decoder'

// CJK, emoji ZWJ and skin-tone sequences, RTL, combining marks, 2/3/4-byte characters, ASCII.
const SAMPLE = 'Aé中文🙂👩🏽‍💻👨‍👩‍👧‍👦 مرحبا עברית n̈ 𝄞 ✓ done'
const encoder = new TextEncoder()

function decodeInPieces(bytes: Uint8Array, cuts: number[]): string {
  const decoder = createUtf8Decoder()
  let text = ''
  let start = 0
  for (const cut of [...cuts, bytes.length]) {
    text += decoder.decode(bytes.subarray(start, cut))
    start = cut
  }
  return text + decoder.end()
}

describe('createUtf8Decoder', () => {
  it('equals one-shot decoding at every single split point', () => {
    const bytes = encoder.encode(SAMPLE)
    for (let cut = 0; cut <= bytes.length; cut++) expect(decodeInPieces(bytes, [cut])).toBe(SAMPLE)
  })

  it('equals one-shot decoding with 1-byte reads and at every pair of split points', () => {
    const bytes = encoder.encode(SAMPLE)
    expect(decodeInPieces(bytes, Array.from({ length: bytes.length }, (_, i) => i))).toBe(SAMPLE)
    for (let a = 1; a < bytes.length; a++) for (let b = a; b < bytes.length; b += 3) expect(decodeInPieces(bytes, [a, b])).toBe(SAMPLE)
  })

  it('matches the standard streaming decoder on malformed input at every split point', () => {
    const bad = new Uint8Array([0x61, 0xe4, 0xbd, 0x62, 0xf0, 0x9f, 0x98, 0x80, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xff, 0x80, 0x80, 0x80, 0x80, 0xe4, 0xbd])
    const expected = new TextDecoder().decode(bad)
    for (let cut = 0; cut <= bad.length; cut++) for (let cut2 = cut; cut2 <= bad.length; cut2++) expect(decodeInPieces(bad, [cut, cut2])).toBe(expected)
  })

  it('turns a character left incomplete at the end into one U+FFFD, like the standard flush', () => {
    const decoder = createUtf8Decoder()
    expect(decoder.decode(new Uint8Array([0x61, 0xe4, 0xbd]))).toBe('a')
    expect(decoder.end()).toBe('\ufffd')
  })

  it('drops one leading BOM, even split across reads, and keeps later U+FEFF', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61])
    for (let cut = 0; cut <= bytes.length; cut++) expect(decodeInPieces(bytes, [cut])).toBe('\ufeffa')
  })
})

describe('completeLength', () => {
  it('holds back only a started, unfinished sequence', () => {
    expect(completeLength(new Uint8Array([]))).toBe(0)
    expect(completeLength(new Uint8Array([0x61]))).toBe(1)
    expect(completeLength(new Uint8Array([0x61, 0xe4]))).toBe(1)
    expect(completeLength(new Uint8Array([0x61, 0xe4, 0xbd]))).toBe(1)
    expect(completeLength(new Uint8Array([0x61, 0xe4, 0xbd, 0xa0]))).toBe(4)
    expect(completeLength(new Uint8Array([0xf0, 0x9f, 0x98]))).toBe(0)
    expect(completeLength(new Uint8Array([0x80, 0x80]))).toBe(2)
    expect(completeLength(new Uint8Array([0xff]))).toBe(1)
  })
})
