import { ChatGptError } from '../chatgpt-error'

/**
 * The stream stayed open but sent nothing for too long (threats-and-faults F6). Code
 * `interrupted`, like any cut stream: the remedy is the same (read the server's copy), but the
 * worker can tell the user the connection stalled rather than dropped.
 */
export class StreamStalledError extends ChatGptError {
  constructor(readonly idleMs: number) {
    super('interrupted', `No data arrived for ${Math.round(idleMs / 1000)} s: the connection stalled.`)
  }
}

export interface StallWatch {
  /** The same bytes; errors with {@link StreamStalledError} after `idleMs` without a byte. */
  body: ReadableStream<Uint8Array>
  stalled(): StreamStalledError | undefined
  /** Clears the timer (the consumer is done, however it ended). */
  stop(): void
}

/**
 * Wraps a response body with an idle watchdog. The timer runs only while the wrapper waits on
 * the network and restarts with every chunk, so a slow reader never counts as a stall and a
 * thinking model that goes quiet for less than `idleMs` is left alone. On expiry the network
 * body is cancelled, which also tells the server we gave up.
 */
export function watchForStall(source: ReadableStream<Uint8Array>, idleMs: number): StallWatch {
  const reader = source.getReader()
  let timer: ReturnType<typeof setTimeout> | undefined
  let stall: StreamStalledError | undefined
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      timer = setTimeout(() => {
        stall = new StreamStalledError(idleMs)
        controller.error(stall)
        reader.cancel(stall).catch(() => undefined)
      }, idleMs)
      return reader.read().then(
        (chunk) => {
          clearTimeout(timer)
          if (stall) return
          if (chunk.done) controller.close()
          else controller.enqueue(chunk.value)
        },
        (error: unknown) => {
          clearTimeout(timer)
          if (!stall) controller.error(error)
        },
      )
    },
    cancel(reason) {
      clearTimeout(timer)
      return reader.cancel(reason)
    },
  })
  return { body, stalled: () => stall, stop: () => clearTimeout(timer) }
}
