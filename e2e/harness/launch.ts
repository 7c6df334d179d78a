/**
 * Launches Debian's Chromium with the built extension, its chatgpt.com traffic resolved to the
 * local stand-in. The extension itself is unmodified: it still asks for https://chatgpt.com;
 * only the browser's resolver (host rules) and certificate trust (the stand-in's SPKI pin) differ.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type BrowserContext, type Worker } from 'playwright-core'
import type { StandIn } from '../../test/chatgpt-stand-in/index'

export const DIST = resolve(import.meta.dirname, '../../dist')
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export interface LaunchOptions {
  standIn: StandIn
  /** Set the stand-in's session cookie in the browser before the extension first asks. */
  loggedIn?: boolean
  /** Browser UI language, e.g. 'zh-CN'. */
  locale?: string
  /** Reuse a profile directory (browser restart tests); a fresh temp one otherwise. */
  profileDir?: string
  headless?: boolean
  /** The built extension to load (the bench builds its own copy); dist/ otherwise. */
  extensionDir?: string
  /** More Chromium flags, e.g. `--enable-unsafe-extension-debugging` for the selection tests. */
  extraArgs?: readonly string[]
  colorScheme?: 'light' | 'dark'
  viewport?: { width: number; height: number }
}

export interface LaunchedExtension {
  context: BrowserContext
  worker: Worker
  extensionId: string
  profileDir: string
  /** `chrome-extension://<id>/<path>` */
  url(path: string): string
  /** Re-reads the current service worker (after it was stopped and restarted). */
  currentWorker(): Promise<Worker>
  close(options?: { keepProfile?: boolean }): Promise<void>
}

export function chromiumArgs(standIn: StandIn, locale?: string, extensionDir = DIST): string[] {
  const port = standIn.port
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    `--host-resolver-rules=MAP chatgpt.com 127.0.0.1:${port}, MAP chat.openai.com 127.0.0.1:${port}`,
    // Trust exactly the stand-in's certificate, nothing else.
    `--ignore-certificate-errors-spki-list=${standIn.spkiSha256}`,
    '--disable-gpu',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    ...(locale ? [`--lang=${locale}`] : []),
  ]
}

export async function launchExtension(options: LaunchOptions): Promise<LaunchedExtension> {
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'ask-anywhere-profile-'))
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    args: [...chromiumArgs(options.standIn, options.locale, options.extensionDir), ...(options.extraArgs ?? [])],
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.colorScheme ? { colorScheme: options.colorScheme } : {}),
    ...(options.viewport ? { viewport: options.viewport } : {}),
    env: { ...process.env, ...(options.locale ? { LANGUAGE: options.locale.replace('-', '_') } : {}) },
  })
  if (options.loggedIn) await setLoginCookie(context, options.standIn)
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'))
  const extensionId = new URL(worker.url()).host
  return {
    context,
    worker,
    extensionId,
    profileDir,
    url: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    async currentWorker() {
      const live = context.serviceWorkers().find((w) => w.url().includes(extensionId))
      return live ?? (await context.waitForEvent('serviceworker'))
    },
    async close(closeOptions) {
      await context.close()
      if (!closeOptions?.keepProfile && !options.profileDir) rmSync(profileDir, { recursive: true, force: true })
    },
  }
}

export async function setLoginCookie(context: BrowserContext, standIn: StandIn): Promise<void> {
  await context.addCookies([
    {
      name: standIn.loginCookie.name,
      value: standIn.loginCookie.value,
      domain: '.chatgpt.com',
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
    },
  ])
}
