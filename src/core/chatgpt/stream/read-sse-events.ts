import { ChatGptError } from '../chatgpt-error'
import { createSseDecoder } from './sse-decoder'
import type { SseEvent } from './sse-decoder'

/** Options for {@link readSseEvents}. */
export interface ReadSseEventsOptions {
  /** Aborting cancels the body and throws `ChatGptError('aborted')`. */
  signal?: AbortSignal
}

/**
 * Reads a response body with a plain reader loop (no reliance on stream async iteration) through
 * {@link createSseDecoder}, yielding the events each network read completed.
 *
 * Ends normally at EOF and also when the connection drops: the answer's completion rule, not the
 * transport, says whether the stream was complete (F7).
 *
 * Throws {@link ChatGptError}: `aborted` on `signal`, `interrupted` for an event over 1 MiB, and
 * a classified error for a body that is not an event stream.
 */
export async function* readSseEvents(body: ReadableStream<Uint8Array>, options: ReadSseEventsOptions = {}): AsyncGenerator<SseEvent[], void> {
  const { signal } = options
  if (signal?.aborted) {
    await body.cancel(signal.reason).catch(ignore)
    throw abortedError()
  }
  const decoder = createSseDecoder()
  const reader = body.getReader()
  // Cancelling the reader cancels the network body; a pending read then resolves `done`.
  const onAbort = () => void reader.cancel(signal?.reason).catch(ignore)
  signal?.addEventListener('abort', onAbort, { once: true })
  let drained = false
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>
      try {
        chunk = await reader.read()
      } catch {
        if (signal?.aborted) throw abortedError()
        drained = true
        return
      }
      if (signal?.aborted) throw abortedError()
      if (chunk.done) break
      const events = decoder.push(chunk.value)
      if (events.length > 0) {
        yield events
        if (signal?.aborted) throw abortedError()
      }
    }
    drained = true
    const events = decoder.end()
    if (events.length > 0) yield events
  } finally {
    signal?.removeEventListener('abort', onAbort)
    // Early exit (consumer stopped, error thrown): stop the network read too.
    if (!drained) await reader.cancel().catch(ignore)
    reader.releaseLock()
  }
}

/** The error every layer uses when the user stopped the answer. */
export function abortedError(): ChatGptError {
  return new ChatGptError('aborted', 'Stopped.')
}

function ignore(): void {}
