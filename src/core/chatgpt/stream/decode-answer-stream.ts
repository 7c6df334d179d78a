import type { AnswerOutcome, AnswerUpdate } from '../answer-update'
import { createAnswerReducer } from './answer-reducer'
import type { ReducerStats } from './answer-reducer'
import { coalesceUpdates } from './coalesce-updates'
import type { ControlEvent } from './control-event'
import { abortedError, readSseEvents } from './read-sse-events'
import { watchForStall } from './watch-for-stall'

/** Options for {@link decodeAnswerStream}. */
export interface DecodeAnswerStreamOptions {
  /** Aborting stops reading (the body is cancelled) and throws `ChatGptError('aborted')`. */
  signal?: AbortSignal
  /** Every `{"type": …}` control frame; resume tokens arrive here (never log them). */
  onControlEvent?: (event: ControlEvent) => void
  /** Called once when decoding ends, however it ends, with counters (no content). */
  onStats?: (stats: ReducerStats) => void
  /**
   * Give up after this long without a single byte (F6; the timer restarts on every read):
   * the body is cancelled and `StreamStalledError` (code `interrupted`) is thrown, unless the
   * answer had already completed. Unset: wait as long as the connection stays open.
   */
  idleTimeoutMs?: number
}

/**
 * Decodes a ChatGPT conversation response body into answer updates: {@link readSseEvents}
 * (bytes → text → SSE events) feeding {@link createAnswerReducer} (events → answer state).
 *
 * Yields at most one update per network read, and only when visible state changed (appends
 * within the read are joined). Returns how the stream ended: `complete` only with the completion
 * signal, otherwise `interrupted` (F7), including when the connection drops mid-answer, since the
 * remedy (check the conversation) is the same. A drop after the completion signal is still
 * `complete`: the page itself aborts right after `message_stream_complete` (protocol.md §7.1).
 *
 * Throws {@link ChatGptError}: the in-stream error's code (`unusual-activity`, `rate-limited`,
 * `server`…), `moderation` when blocked, `unknown` for a body that is not an event stream or an
 * unknown encoding, `interrupted` for an event over 1 MiB or a stall (`StreamStalledError`),
 * `aborted` when `signal` aborts.
 */
export async function* decodeAnswerStream(
  body: ReadableStream<Uint8Array>,
  options: DecodeAnswerStreamOptions = {},
): AsyncGenerator<AnswerUpdate, AnswerOutcome> {
  const { signal, onControlEvent, onStats, idleTimeoutMs } = options
  const reducer = createAnswerReducer(onControlEvent ? { onControlEvent } : {})
  const watch = idleTimeoutMs ? watchForStall(body, idleTimeoutMs) : undefined
  try {
    for await (const events of readSseEvents(watch?.body ?? body, signal ? { signal } : {})) {
      const updates: AnswerUpdate[] = []
      let failure: unknown
      try {
        for (const event of events) {
          const update = reducer.apply(event)
          if (update) updates.push(update)
        }
      } catch (error) {
        failure = error
      }
      // Updates decoded before a failing frame are still delivered, then the failure.
      const update = coalesceUpdates(updates)
      if (update) {
        yield update
        if (signal?.aborted) throw abortedError()
      }
      // Throwing inside for-await returns readSseEvents, which cancels the body.
      if (failure !== undefined) throw failure
    }
    const outcome = reducer.outcome()
    const stall = watch?.stalled()
    if (stall && outcome.kind !== 'complete') throw stall
    return outcome
  } finally {
    watch?.stop()
    onStats?.(reducer.stats())
  }
}
