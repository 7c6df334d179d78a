import { describe, expect, it } from 'vitest'
import { deltaMergeMs } from '../background/port-hub'
import { PACE_STEPS, RENDER_INTERVALS_MS, renderIntervalMs } from './render-pace'

describe('renderIntervalMs', () => {
  it('renders a short answer about 30 times a second, a longer one at 20, then 15', () => {
    expect(renderIntervalMs(0)).toBe(RENDER_INTERVALS_MS.short)
    expect(renderIntervalMs(PACE_STEPS.medium - 1)).toBe(RENDER_INTERVALS_MS.short)
    expect(renderIntervalMs(PACE_STEPS.medium)).toBe(RENDER_INTERVALS_MS.medium)
    expect(renderIntervalMs(PACE_STEPS.long)).toBe(RENDER_INTERVALS_MS.long)
    expect(renderIntervalMs(10_000_000)).toBe(RENDER_INTERVALS_MS.long)
    // Each a little under 2, 3 and 4 frames at 60 Hz: frame jitter never costs a whole extra frame.
    expect(Object.values(RENDER_INTERVALS_MS).map((ms) => Math.ceil(ms / (1000 / 60)))).toEqual([2, 3, 4])
  })

  it('is matched by the worker: merged deltas arrive a little more often than the page renders', () => {
    for (const chars of [0, PACE_STEPS.medium - 1, PACE_STEPS.medium, PACE_STEPS.long, 200_000]) {
      expect(deltaMergeMs(chars)).toBeLessThan(renderIntervalMs(chars))
      expect(deltaMergeMs(chars)).toBeGreaterThan(renderIntervalMs(chars) - 1000 / 60)
    }
  })
})
