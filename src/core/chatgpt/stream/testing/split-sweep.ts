// Test-only: the every-offset split sweep over the synchronous byte → event core.
import type { AnswerOutcome } from '../../answer-update'
import { createAnswerReducer } from '../answer-reducer'
import { createSseDecoder } from '../sse-decoder'
import type { SseEvent } from '../sse-decoder'

/** The events of the body read in one piece. */
export function eventsOf(chunks: readonly Uint8Array[]): SseEvent[] {
  const decoder = createSseDecoder()
  const events: SseEvent[] = []
  for (const chunk of chunks) for (const event of decoder.push(chunk)) events.push(event)
  for (const event of decoder.end()) events.push(event)
  return events
}

/** Runs events through a fresh reducer: the final text and outcome kind. */
export function reduceEvents(events: readonly SseEvent[]): AnswerOutcome {
  const reducer = createAnswerReducer()
  for (const event of events) reducer.apply(event)
  return reducer.outcome()
}

function sameEvents(a: readonly SseEvent[], b: readonly SseEvent[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as SseEvent
    const y = b[i] as SseEvent
    if (x.data !== y.data || x.event !== y.event) return false
  }
  return true
}

/** Offsets that broke the sweep (should be none). */
export interface SweepResult {
  runs: number
  /** Offsets whose events differ from the unsplit reference. */
  mismatches: number[]
  /** Mismatching offsets whose events contain U+FFFD (a split character). */
  replacementChars: number[]
}

/**
 * Splits the whole body once at every offset 1…N−1 and decodes each split with the production
 * byte → event core, comparing with the unsplit `reference` events. The reducer is a pure
 * function of this sequence, so an identical sequence is an identical answer text and outcome;
 * asserting the sequence (cheap) stands in for re-running the reducer 10^5 times.
 */
export function sweepSingleSplits(bytes: Uint8Array, reference: readonly SseEvent[]): SweepResult {
  const mismatches: number[] = []
  const replacementChars: number[] = []
  for (let offset = 1; offset < bytes.length; offset++) {
    const events = eventsOf([bytes.subarray(0, offset), bytes.subarray(offset)])
    if (sameEvents(events, reference)) continue
    mismatches.push(offset)
    // Equal to the reference (checked free of U+FFFD by the caller) means none introduced.
    if (events.some((event) => event.data.includes('\ufffd'))) replacementChars.push(offset)
  }
  return { runs: bytes.length - 1, mismatches, replacementChars }
}

/**
 * The same N−1 single splits, each replayed on the event(s) around the split instead of the
 * whole body: the window is the frame containing the offset (both frames when the offset is a
 * frame boundary) plus the next byte, so a CR at the window's end is followed by a byte exactly
 * as in the whole body. This is exact, not a sample: after an event's closing blank line the
 * decoder holds nothing (parser buffers empty, no partial UTF-8, BOM and sniffing settled, since
 * every event starts with ASCII), so decoding from that boundary with a fresh decoder is what the
 * whole-body run does from there; the extra byte starts an event that is never dispatched. The
 * caller checks that the frames' events, concatenated, are the whole body's events. This turns
 * the sweep's O(N²) into O(Σ frame²), which keeps the 74 KB fixture inside the time budget.
 */
export function sweepSplitsByFrame(bytes: Uint8Array, frameEndOffsets: readonly number[]): SweepResult & { frameEvents: SseEvent[][] } {
  const starts = [0, ...frameEndOffsets.filter((end) => end < bytes.length)]
  const ends = [...starts.slice(1), bytes.length]
  const frameEvents = starts.map((start, i) => eventsOf([bytes.subarray(start, ends[i])]))
  const mismatches: number[] = []
  const replacementChars: number[] = []
  let frame = 0
  for (let offset = 1; offset < bytes.length; offset++) {
    while (offset >= (ends[frame] as number)) frame++
    const atBoundary = offset === starts[frame]
    const first = atBoundary ? frame - 1 : frame
    const expected = atBoundary ? [...(frameEvents[frame - 1] as SseEvent[]), ...(frameEvents[frame] as SseEvent[])] : (frameEvents[frame] as SseEvent[])
    const windowEnd = Math.min((ends[frame] as number) + 1, bytes.length)
    const events = eventsOf([bytes.subarray(starts[first], offset), bytes.subarray(offset, windowEnd)])
    if (sameEvents(events, expected)) continue
    mismatches.push(offset)
    if (events.some((event) => event.data.includes('\ufffd'))) replacementChars.push(offset)
  }
  return { runs: bytes.length - 1, mismatches, replacementChars, frameEvents }
}
