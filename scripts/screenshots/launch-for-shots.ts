/**
 * Chromium with the built extension (dist/) for the pictures: the e2e launch (chatgpt.com mapped
 * to the stand-in, logged in) plus a UI language, a light or dark system theme, and the flag that
 * lets the selection shot have Chromium grant activeTab as a real menu click would.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import type { StandIn } from '../../test/chatgpt-stand-in/index'
import { CHROMIUM, chromiumArgs, setLoginCookie, type LaunchedExtension } from '../../e2e/harness/launch'
import type { ShotLocale } from './content'

export type ShotTheme = 'light' | 'dark'

export const WIDE = { width: 1100, height: 720 }

export async function launchForShots(standIn: StandIn, locale: ShotLocale, theme: ShotTheme): Promise<LaunchedExtension> {
  const profileDir = mkdtempSync(join(tmpdir(), 'ask-anywhere-shots-'))
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...chromiumArgs(standIn, locale), '--enable-unsafe-extension-debugging', '--hide-scrollbars'],
    locale,
    colorScheme: theme,
    viewport: WIDE,
    env: { ...process.env, LANGUAGE: locale.replace('-', '_') },
  })
  await setLoginCookie(context, standIn)
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'))
  const extensionId = new URL(worker.url()).host
  return {
    context,
    worker,
    extensionId,
    profileDir,
    url: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    async currentWorker() {
      return context.serviceWorkers().find((w) => w.url().includes(extensionId)) ?? (await context.waitForEvent('serviceworker'))
    },
    async close() {
      await context.close()
      rmSync(profileDir, { recursive: true, force: true })
    },
  }
}
