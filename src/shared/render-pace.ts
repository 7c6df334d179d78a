/**
 * How often a streaming answer is rendered. Every render has a cost that does not shrink with
 * the text it adds (a layout pass, a style pass, the tail block lexed again; a little under 1 ms
 * each in the popup on a slow machine), so rendering at a fixed 30/s spent most of a long
 * answer's main-thread time re-rendering. A short answer still renders about 30 times a second;
 * a longer one, which the reader follows by scrolling rather than by watching words land,
 * steps down to about 20 and then 15 renders a second (threats G17 sets only the ceiling, 30/s).
 * The first text after a pause is never held back: it shows on the next frame (frame-batcher.ts).
 * Shared because the worker sends merged deltas to a page at a matching pace (port-hub.ts).
 */

/** Minimum milliseconds between renders, each a little under a multiple of a 60 Hz frame. */
export const RENDER_INTERVALS_MS = { short: 30, medium: 46, long: 62 } as const

/** Answer lengths (characters) where the pace steps down. */
export const PACE_STEPS = { medium: 4_000, long: 16_000 } as const

/** The minimum wait between two renders while an answer of `chars` characters streams. */
export function renderIntervalMs(chars: number): number {
  if (chars < PACE_STEPS.medium) return RENDER_INTERVALS_MS.short
  if (chars < PACE_STEPS.long) return RENDER_INTERVALS_MS.medium
  return RENDER_INTERVALS_MS.long
}
