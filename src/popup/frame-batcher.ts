/**
 * Collects events and applies them on an animation frame, so a fast stream re-renders at most
 * once per frame (threats T16/G17), not once per delta, and no sooner than `interval()` after the
 * last apply (render-pace.ts: about 30 times a second, fewer for a long answer). The first event
 * after a pause still shows on the very next frame. Between two applies it sleeps on a timer
 * instead of waking on every frame in between. A background tab gets no frames, so a timer
 * flushes too: a hidden tab still catches up, just less often.
 */
export interface FrameBatcher<T> {
  push(item: T): void
  /** Applies everything queued now (e.g. before acting on the latest state). */
  flush(): void
  cancel(): void
}

/** Runs `callback` on the first frame after `delayMs` (or on a fallback timer); returns a cancel. */
export type Schedule = (callback: () => void, delayMs: number) => () => void

const FALLBACK_MS = 100
/** The ceiling (G17): about 30 renders a second, a little under 1000/30 so frame-time jitter never skips two frames. */
export const MIN_INTERVAL_MS = 30
/** Wake this much before the earliest apply time, so the frame that follows is the one to use. */
const FRAME_MS = 16

/** Schedules `callback` on the first frame after `delayMs`, or after a timeout, whichever comes first. */
export function nextFrameOrTimeout(callback: () => void, delayMs: number): () => void {
  let done = false
  let frame = 0
  let sleep: ReturnType<typeof setTimeout> | undefined
  const cancel = () => {
    done = true
    cancelAnimationFrame(frame)
    clearTimeout(sleep)
    clearTimeout(fallback)
  }
  const run = () => {
    if (done) return
    cancel()
    callback()
  }
  const fallback = setTimeout(run, delayMs + FALLBACK_MS)
  if (delayMs > 0) sleep = setTimeout(() => (frame = requestAnimationFrame(run)), delayMs)
  else frame = requestAnimationFrame(run)
  return cancel
}

/** A batcher that hands queued items to `apply` in arrival order. */
export function createFrameBatcher<T>(
  apply: (items: T[]) => void,
  schedule: Schedule = nextFrameOrTimeout,
  now: () => number = () => performance.now(),
  interval: () => number = () => MIN_INTERVAL_MS,
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
  /** Waits for the first frame at least `interval()` after the last apply. */
  const scheduleApply = () => {
    const wait = lastApply + Math.max(MIN_INTERVAL_MS, interval()) - now()
    cancelScheduled = schedule(onFrame, wait > FRAME_MS ? wait - FRAME_MS : 0)
  }
  function onFrame() {
    cancelScheduled = undefined
    if (now() - lastApply < Math.max(MIN_INTERVAL_MS, interval())) scheduleApply()
    else flush()
  }
  return {
    push(item) {
      queue.push(item)
      if (!cancelScheduled) scheduleApply()
    },
    flush,
    cancel() {
      cancelScheduled?.()
      cancelScheduled = undefined
      queue = []
    },
  }
}
