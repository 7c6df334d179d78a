// Test-only: derives variants of a recorded LF-framed body (framing changes, injected frames, cuts).
import { concatBytes } from './stream-fixtures'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/**
 * Byte offsets just after each blank line that closes an event, in order, for a body framed with
 * `ending` line endings (the blank line is the ending twice: `\n\n`, `\r\n\r\n`, `\r\r`).
 */
export function frameEnds(bytes: Uint8Array, ending: '\n' | '\r\n' | '\r' = '\n'): number[] {
  const terminator = encoder.encode(ending + ending)
  const ends: number[] = []
  outer: for (let i = 0; i + terminator.length <= bytes.length; i++) {
    for (let j = 0; j < terminator.length; j++) if (bytes[i + j] !== terminator[j]) continue outer
    ends.push(i + terminator.length)
    i += terminator.length - 1
  }
  return ends
}

/**
 * The offset after which a prefix of the body carries the completion signal: the end of the
 * first `message_stream_complete` or `[DONE]` event. `undefined` when there is none.
 */
export function corroborationEnd(bytes: Uint8Array): number | undefined {
  let start = 0
  for (const end of frameEnds(bytes)) {
    const frame = decoder.decode(bytes.subarray(start, end))
    if (frame.includes('"message_stream_complete"') || /^data: \[DONE\]/m.test(frame)) return end
    start = end
  }
  return undefined
}

/** Re-frames an LF body with CRLF or CR-only line endings. */
export function withLineEndings(bytes: Uint8Array, ending: '\r\n' | '\r'): Uint8Array {
  return encoder.encode(decoder.decode(bytes).replaceAll('\n', ending))
}

/** Prepends a UTF-8 byte order mark. */
export function withBom(bytes: Uint8Array): Uint8Array {
  return concatBytes([new Uint8Array([0xef, 0xbb, 0xbf]), bytes])
}

/** Inserts `extra` (raw SSE text, each ending in a blank line) after every `every`-th event. */
export function interleave(bytes: Uint8Array, extra: readonly string[], every = 1): Uint8Array {
  const parts: Uint8Array[] = []
  let start = 0
  let inserted = 0
  frameEnds(bytes).forEach((end, index) => {
    parts.push(bytes.subarray(start, end))
    start = end
    if ((index + 1) % every === 0) parts.push(encoder.encode(extra[inserted++ % extra.length] as string))
  })
  parts.push(bytes.subarray(start))
  return concatBytes(parts)
}

/** Inserts raw SSE text right after the first event whose text contains `marker`. */
export function insertAfter(bytes: Uint8Array, marker: string, text: string): Uint8Array {
  let start = 0
  for (const end of frameEnds(bytes)) {
    if (decoder.decode(bytes.subarray(start, end)).includes(marker)) return concatBytes([bytes.subarray(0, end), encoder.encode(text), bytes.subarray(end)])
    start = end
  }
  throw new Error(`marker not found: ${marker}`)
}

/** Seeded PRNG (mulberry32): reproducible "random" splits. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `count` distinct ascending cut offsets in (0, length), drawn from `random`. */
export function randomCuts(length: number, count: number, random: () => number): number[] {
  const cuts = new Set<number>()
  const wanted = Math.min(count, length - 1)
  while (cuts.size < wanted) cuts.add(1 + Math.floor(random() * (length - 1)))
  return [...cuts].sort((a, b) => a - b)
}
