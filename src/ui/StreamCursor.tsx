/**
 * The dot after a streaming answer. It pulses only once the text has paused for a moment: while
 * text flows, the growing answer already shows that it is alive, and a running CSS animation costs
 * the page a style recalc and a paint on every frame (Chromium ticks it on the main thread),
 * on top of each streamed update.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'

/** Quiet this long before the dot starts pulsing. */
export const PULSE_AFTER_MS = 1000

/** `text` is the answer so far: any change restarts the wait. */
export function StreamCursor({ text }: { text: string }) {
  const [paused, setPaused] = useState(false)
  const changedAt = useRef(Date.now())
  // A layout effect only notes the time: a passive one would cost each streamed update a frame
  // callback and a timer of its own (that is how preact schedules them).
  useLayoutEffect(() => {
    changedAt.current = Date.now()
    setPaused(false)
  }, [text])
  // One timer for the cursor's life, re-armed for whatever is left of the wait.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>
    const check = () => {
      const quiet = Date.now() - changedAt.current
      if (quiet >= PULSE_AFTER_MS) setPaused(true)
      timer = setTimeout(check, quiet >= PULSE_AFTER_MS ? PULSE_AFTER_MS : PULSE_AFTER_MS - quiet)
    }
    timer = setTimeout(check, PULSE_AFTER_MS)
    return () => clearTimeout(timer)
  }, [])
  return <span class={paused ? 'answer-cursor answer-cursor-paused' : 'answer-cursor'} data-testid="answer-cursor" aria-hidden="true" />
}
