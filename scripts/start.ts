/**
 * `npm start` — opens Chromium with the built extension in a fresh profile.
 *   npm start                   real chatgpt.com (log in there in the opened browser)
 *   npm start -- --stand-in     chatgpt.com mapped to the local stand-in, already logged in: works
 *                               with no account and no internet
 *   options: --era 2023|2024|2025|2026 (stand-in protocol era, default 2026), --headless
 * Without a display (or with --headless) it asks a demo question through the popup, prints the
 * answer and saves a screenshot to artifacts/start-demo.png.
 */
import { mkdirSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { startStandIn, type Era } from '../test/chatgpt-stand-in/index'
import { CHROMIUM, DIST, launchExtension } from '../e2e/harness/launch'

const { values } = parseArgs({
  options: { 'stand-in': { type: 'boolean' }, era: { type: 'string', default: '2026' }, headless: { type: 'boolean' } },
})
const headless = values.headless === true || !process.env.DISPLAY

if (!values['stand-in']) {
  if (headless) {
    console.error('No display: use `npm start -- --stand-in` here, or run on a desktop to use chatgpt.com.')
    process.exit(1)
  }
  const context = await chromium.launchPersistentContext('', {
    executablePath: CHROMIUM,
    headless: false,
    args: [`--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`, '--no-first-run'],
  })
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto('https://chatgpt.com/')
  console.log('Chromium is open with Ask Anywhere. Log in at chatgpt.com, then use the toolbar button.')
  await new Promise<void>((resolve) => context.on('close', () => resolve()))
  process.exit(0)
}

const standIn = await startStandIn({ era: values.era as Era })
const extension = await launchExtension({ standIn, loggedIn: true, headless })
const popup = await extension.context.newPage()
await popup.goto(extension.url('src/popup/index.html'))
console.log(`Stand-in of chatgpt.com (era ${standIn.era}) on ${standIn.origin}; extension ${extension.extensionId}`)

if (headless) {
  await popup.getByTestId('composer').fill('Show me what you can do, with a code example.')
  await popup.getByTestId('composer').press('Enter')
  await popup.locator('[data-testid=answer][data-status=complete]').first().waitFor({ timeout: 30_000 })
  console.log('\nAnswer shown in the popup:\n')
  console.log(await popup.getByTestId('answer').first().innerText())
  mkdirSync('artifacts', { recursive: true })
  await popup.setViewportSize({ width: 420, height: 600 })
  await popup.screenshot({ path: 'artifacts/start-demo.png' })
  console.log('\nScreenshot: artifacts/start-demo.png')
  await extension.close()
  await standIn.close()
} else {
  console.log('Ask away in the popup tab (or the toolbar button). Close the browser to stop.')
  await new Promise<void>((resolve) => extension.context.on('close', () => resolve()))
  await standIn.close()
}
