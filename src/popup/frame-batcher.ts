/**
 * Collects events and applies them once per animation frame, so a fast stream re-renders at
 * most once per frame (threats T16/G17), not once per delta. A background tab gets no frames, so
 * a timer flushes too: a hidden tab still catches up, just less often.
 */
export interface FrameBatcher<T> {
  push(item: T): void
  /** Applies everything queued now (e.g. before acting on the latest state). */
  flush(): void
  cancel(): void
}

const FALLBACK_MS = 100

/** Schedules `callback` on the next frame or after a short timeout, whichever comes first. */
function nextFrameOrTimeout(callback: () => void): () => void {
  let done = false
  const run = () => {
    if (done) return
    done = true
    cancelAnimationFrame(frame)
    clearTimeout(timeout)
    callback()
  }
  const frame = requestAnimationFrame(run)
  const timeout = setTimeout(run, FALLBACK_MS)
  return () => {
    done = true
    cancelAnimationFrame(frame)
    clearTimeout(timeout)
  }
}

/** A batcher that hands queued items to `apply` in arrival order. */
export function createFrameBatcher<T>(apply: (items: T[]) => void, schedule = nextFrameOrTimeout): FrameBatcher<T> {
  let queue: T[] = []
  let cancelScheduled: (() => void) | undefined
  const flush = () => {
    cancelScheduled?.()
    cancelScheduled = undefined
    if (queue.length === 0) return
    const items = queue
    queue = []
    apply(items)
  }
  return {
    push(item) {
      queue.push(item)
      cancelScheduled ??= schedule(flush)
    },
    flush,
    cancel() {
      cancelScheduled?.()
      cancelScheduled = undefined
      queue = []
    },
  }
}
