/**
 * Collects events and applies them on an animation frame, so a fast stream re-renders at most
 * once per frame (threats T16/G17), not once per delta, and at most about 30 times a second: a
 * frame that comes sooner than MIN_INTERVAL_MS after the last apply passes to the next one (each
 * render has a fixed cost, so on a 60 Hz screen every other frame halves it; the first event after
 * a pause still shows on the very next frame). A background tab gets no frames, so a timer
 * flushes too: a hidden tab still catches up, just less often.
 */
export interface FrameBatcher<T> {
  push(item: T): void
  /** Applies everything queued now (e.g. before acting on the latest state). */
  flush(): void
  cancel(): void
}

const FALLBACK_MS = 100
/** Renders ≤30/s (G17); a little under 1000/30 so frame-time jitter never skips two frames. */
export const MIN_INTERVAL_MS = 30

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
export function createFrameBatcher<T>(
  apply: (items: T[]) => void,
  schedule = nextFrameOrTimeout,
  now: () => number = () => performance.now(),
): FrameBatcher<T> {
  let queue: T[] = []
  let cancelScheduled: (() => void) | undefined
  let lastApply = -Infinity
  const flush = () => {
    cancelScheduled?.()
    cancelScheduled = undefined
    if (queue.length === 0) return
    const items = queue
    queue = []
    lastApply = now()
    apply(items)
  }
  const onFrame = () => {
    cancelScheduled = undefined
    if (now() - lastApply < MIN_INTERVAL_MS) cancelScheduled = schedule(onFrame)
    else flush()
  }
  return {
    push(item) {
      queue.push(item)
      cancelScheduled ??= schedule(onFrame)
    },
    flush,
    cancel() {
      cancelScheduled?.()
      cancelScheduled = undefined
      queue = []
    },
  }
}
