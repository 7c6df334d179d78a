/**
 * Renders assets/icon.svg into the PNG sizes the manifest names, with Debian's Chromium.
 * Run after editing the artwork: `npx tsx scripts/render-icons.ts`. The PNGs are committed.
 */
import { readFileSync } from 'node:fs'
import { chromium } from 'playwright-core'

const svg = readFileSync(new URL('../assets/icon.svg', import.meta.url), 'utf8')
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true })
try {
  for (const size of [16, 32, 48, 128]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } })
    const sized = svg.replace('width="128" height="128"', `width="${size}" height="${size}"`)
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`)
    await page.screenshot({ path: `public/icons/icon-${size}.png`, omitBackground: true })
    await page.close()
  }
} finally {
  await browser.close()
}
