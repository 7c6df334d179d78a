/**
 * One clock for the stand-in (Node) and a page: both read `performance.timeOrigin +
 * performance.now()` (epoch ms, sub-ms resolution). Their origins are taken at different moments
 * from the system clock, so the page's offset is measured: the page's reading bracketed by two
 * Node readings, keeping the round trip with the least delay; its half-width is the uncertainty.
 */
import { performance } from 'node:perf_hooks'
import type { Page } from 'playwright-core'

export const nodeNow = () => performance.timeOrigin + performance.now()

export interface ClockOffset {
  /** page clock − Node clock, ms */
  offsetMs: number
  /** ± ms */
  uncertaintyMs: number
}

export async function measureClockOffset(page: Page, rounds = 15): Promise<ClockOffset> {
  let best: ClockOffset = { offsetMs: 0, uncertaintyMs: Infinity }
  for (let i = 0; i < rounds; i++) {
    const before = nodeNow()
    const inPage = await page.evaluate(() => performance.timeOrigin + performance.now())
    const after = nodeNow()
    const half = (after - before) / 2
    if (half < best.uncertaintyMs) best = { offsetMs: inPage - (before + half), uncertaintyMs: half }
  }
  return best
}
