/**
 * Streaming UTF-8 decoding that gives exactly what one `TextDecoder` with `{stream: true}` plus a
 * final flush gives (F8: a character split across reads is reassembled, never turned into
 * U+FFFD; one leading BOM is dropped), but decodes each read in one-shot mode. Node's streaming
 * mode is about 3x slower on large frames, and the every-offset tests replay each recorded body
 * tens of thousands of times. The cost is this carry of an incomplete trailing sequence (at most
 * 3 bytes), which those tests check at every split point.
 */
export function createUtf8Decoder() {
  // The BOM is handled here (only at the very start), so the per-read decodes must not strip it.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true })
  let carry: Uint8Array | undefined
  let atStart = true

  function emit(text: string): string {
    if (!atStart || text === '') return text
    atStart = false
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  }

  return {
    /** Decodes one read; an incomplete trailing character waits for the next read. */
    decode(bytes: Uint8Array): string {
      let input = bytes
      if (carry) {
        input = new Uint8Array(carry.length + bytes.length)
        input.set(carry)
        input.set(bytes, carry.length)
        carry = undefined
      }
      const complete = completeLength(input)
      if (complete < input.length) carry = input.slice(complete)
      return emit(complete === 0 ? '' : decoder.decode(input.subarray(0, complete)))
    },
    /** End of input: a character still incomplete becomes U+FFFD, as the standard flush does. */
    end(): string {
      const rest = carry
      carry = undefined
      return emit(rest ? decoder.decode(rest) : '')
    },
  }
}

/**
 * The length of the longest prefix of `bytes` that does not end inside a well-started UTF-8
 * sequence: a lead byte (C2–F4) near the end without all of its continuation bytes is held back.
 * Anything else (ASCII, invalid bytes) is left for the decoder to replace, as it would anyway.
 */
export function completeLength(bytes: Uint8Array): number {
  const length = bytes.length
  const stop = Math.max(0, length - 4)
  let i = length - 1
  while (i >= stop && ((bytes[i] as number) & 0xc0) === 0x80) i--
  if (i < stop) return length
  const lead = bytes[i] as number
  const needed = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 1
  return length - i < needed ? i : length
}
