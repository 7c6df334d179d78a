/**
 * Standard base64 (with padding) written as ASCII bytes. `btoa` needs a binary string and would
 * force a string round-trip per PoW try; writing bytes lets the solvers hash without one.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0))
const PAD = 61 // '='

/**
 * Encodes `src[0, length)` into `out` at `pos`; returns the new position. Pads only when
 * `length` is not a multiple of 3, so aligned pieces can be concatenated.
 */
export function encodeBase64Into(src: Uint8Array, length: number, out: Uint8Array, pos: number): number {
  let i = 0
  for (; i + 2 < length; i += 3) {
    const n = (src[i]! << 16) | (src[i + 1]! << 8) | src[i + 2]!
    out[pos++] = CODES[n >>> 18]!
    out[pos++] = CODES[(n >>> 12) & 63]!
    out[pos++] = CODES[(n >>> 6) & 63]!
    out[pos++] = CODES[n & 63]!
  }
  const rest = length - i
  if (rest > 0) {
    const n = (src[i]! << 16) | (rest === 2 ? src[i + 1]! << 8 : 0)
    out[pos++] = CODES[n >>> 18]!
    out[pos++] = CODES[(n >>> 12) & 63]!
    out[pos++] = rest === 2 ? CODES[(n >>> 6) & 63]! : PAD
    out[pos++] = PAD
  }
  return pos
}

/** Base64 of bytes as ASCII bytes. */
export function base64Bytes(src: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(src.length / 3) * 4)
  encodeBase64Into(src, src.length, out, 0)
  return out
}

/** Base64 of the UTF-8 encoding of `text`, as a string. */
export function base64Utf8(text: string): string {
  return asciiString(base64Bytes(new TextEncoder().encode(text)))
}

/** ASCII bytes to a string (only ever used on base64 output). */
export function asciiString(bytes: Uint8Array): string {
  let s = ''
  // Chunked: String.fromCharCode(...bytes) overflows the argument limit on long inputs.
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192))
  return s
}
