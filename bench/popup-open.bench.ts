/**
 * Figure 3: popup open → composer focused. Each open is a fresh page load of the popup (its own
 * tab; Playwright cannot drive the real toolbar popup); the time is the composer's `focusin` on
 * the page's clock, whose origin is the start of the navigation.
 */
import type { BenchExtension } from './lib/extension'

export async function runPopupOpen(ext: BenchExtension, opens: number): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < opens; i++) {
    const page = await ext.open('src/popup/index.html?thread=bench-open')
    try {
      await page.waitForFunction(() => window.__benchProbe?.composerFocusedAt !== undefined, undefined, { timeout: 10_000 })
      times.push(await page.evaluate(() => window.__benchProbe!.composerFocusedAt!))
    } finally {
      await page.close()
    }
  }
  return times
}
