// Test-only helpers: in-memory response bodies and a driver that captures the generator's return.
import type { AnswerOutcome, AnswerUpdate } from '../../answer-update'
import { decodeAnswerStream } from '../decode-answer-stream'
import type { DecodeAnswerStreamOptions } from '../decode-answer-stream'

/**
 * A body that delivers exactly these chunks, one per read. Everything is enqueued up front, which
 * keeps the every-offset sweeps fast (no pull round-trips).
 */
export function bodyOf(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk)
      controller.close()
    },
  })
}

/** Views of `bytes` cut at the given ascending offsets (no copying). */
export function splitAt(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const chunks: Uint8Array[] = []
  let start = 0
  for (const offset of offsets) {
    chunks.push(bytes.subarray(start, offset))
    start = offset
  }
  chunks.push(bytes.subarray(start))
  return chunks
}

/** The result of running a body through the decoder to the end. */
export interface DecodeRun {
  updates: AnswerUpdate[]
  outcome: AnswerOutcome
}

/** Drives {@link decodeAnswerStream} to completion, keeping every update and the return value. */
export async function decodeAll(body: ReadableStream<Uint8Array>, options?: DecodeAnswerStreamOptions): Promise<DecodeRun> {
  const updates: AnswerUpdate[] = []
  const generator = decodeAnswerStream(body, options)
  for (;;) {
    const step = await generator.next()
    if (step.done) return { updates, outcome: step.value }
    updates.push(step.value)
  }
}

/** Encodes text as UTF-8. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text)
}
