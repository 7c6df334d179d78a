/**
 * The PoW loop's hot path: base64(UTF-8 JSON(config)) for a new nonce/elapsed pair, without
 * re-serialising or re-encoding the ~600 fixed bytes each try. The JSON is split into fixed
 * segments around the numeric slots; each fixed segment's base64 is precomputed for all three
 * byte alignments it can start at, so a try only encodes the few bytes next to the numbers.
 */
import { encodeBase64Into, base64Bytes } from './base64'

export interface ConfigTemplate {
  /** Base64 bytes that never change (the start of the output), for hashes that can resume. */
  head: Uint8Array
  /** Upper bound of `write`'s output length. */
  maxLength: number
  /** Writes base64(JSON(config with `values` in the slots)) at `out[pos]`; returns the end. */
  write(values: readonly number[], out: Uint8Array, pos: number): number
}

interface Aligned {
  lead: Uint8Array
  mid: Uint8Array
  tail: Uint8Array
}

/** JSON text of `config` split around `slots` (ascending): `slots.length + 1` segments. */
export function splitConfigJson(config: readonly unknown[], slots: readonly number[]): string[] {
  const segments = ['[']
  config.forEach((value, index) => {
    if (index > 0) segments[segments.length - 1] += ','
    if (slots.includes(index)) segments.push('')
    else segments[segments.length - 1] += JSON.stringify(value) ?? 'null'
  })
  segments[segments.length - 1] += ']'
  return segments
}

function align(segment: Uint8Array, skip: number): Aligned | undefined {
  if (segment.length < skip) return undefined
  const rest = segment.subarray(skip)
  const whole = rest.length - (rest.length % 3)
  return { lead: segment.subarray(0, skip), mid: base64Bytes(rest.subarray(0, whole)), tail: rest.subarray(whole) }
}

/** Precomputes the template for `config` with numbers going into `slots`. */
export function createConfigTemplate(config: readonly unknown[], slots: readonly number[]): ConfigTemplate {
  const encoder = new TextEncoder()
  const segments = splitConfigJson(config, slots).map((s) => encoder.encode(s))
  const first = segments[0]!
  const headBytes = first.length - (first.length % 3)
  const head = base64Bytes(first.subarray(0, headBytes))
  const carry = first.subarray(headBytes)
  const aligned = segments.map((segment) => [0, 1, 2].map((skip) => align(segment, skip)))
  const fixedBytes = segments.reduce((sum, s) => sum + s.length, 0)
  const pending = new Uint8Array(fixedBytes + 24 * slots.length + 8)
  const maxLength = Math.ceil((fixedBytes + 24 * slots.length) / 3) * 4 + 4

  function write(values: readonly number[], out: Uint8Array, start: number): number {
    out.set(head, start)
    let pos = start + head.length
    pending.set(carry)
    let held = carry.length
    for (let slot = 0; slot < slots.length; slot++) {
      const digits = String(values[slot] ?? 0)
      for (let i = 0; i < digits.length; i++) pending[held++] = digits.charCodeAt(i)
      const segment = segments[slot + 1]!
      const piece = aligned[slot + 1]![(3 - (held % 3)) % 3]
      if (!piece) {
        // Segment shorter than the gap to the next 3-byte boundary: keep holding bytes.
        pending.set(segment, held)
        held += segment.length
        continue
      }
      pending.set(piece.lead, held)
      pos = encodeBase64Into(pending, held + piece.lead.length, out, pos)
      out.set(piece.mid, pos)
      pos += piece.mid.length
      pending.set(piece.tail)
      held = piece.tail.length
    }
    return encodeBase64Into(pending, held, out, pos)
  }

  return { head, maxLength, write }
}
