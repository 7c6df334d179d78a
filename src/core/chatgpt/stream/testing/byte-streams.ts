// Test-only helpers: in-memory response bodies and a driver that captures the generator's return.
import type { AnswerOutcome, AnswerUpdate } from '../../answer-update'
import { decodeAnswerStream } from '../decode-answer-stream'
import type { DecodeAnswerStreamOptions } from '../decode-answer-stream'

/**
 * A body that delivers exactly these chunks, one per read. Chunks are handed out on demand: Node's
 * stream queue dequeues with Array#shift, so enqueueing 74 000 one-byte chunks up front would make
 * the all-1-byte replay quadratic.
 */
export function bodyOf(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let next = 0
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = chunks[next++]
        if (chunk) controller.enqueue(chunk)
        if (next >= chunks.length) controller.close()
      },
    },
    { highWaterMark: 0 },
  )
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
