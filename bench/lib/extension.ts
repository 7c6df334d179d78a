/**
 * Builds the extension into a folder of the bench's own (so a bench never races another build of
 * dist/) and launches Debian's Chromium with it, its chatgpt.com traffic resolved to the stand-in
 * exactly as the e2e harness does. Every page gets the bench's probe (page-probe.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { build, type Rolldown } from 'vite'
import { CHROMIUM, setLoginCookie } from '../../e2e/harness/launch'
import type { StandIn } from '../../test/chatgpt-stand-in/index'
import { PAGE_PROBE } from './page-probe'

export const ROOT = resolve(import.meta.dirname, '../..')

/** Runs a vite build with `configFile` into `outDir` and returns its chunks and assets. */
export async function buildInto(configFile: string, outDir: string): Promise<Rolldown.OutputBundle[keyof Rolldown.OutputBundle][]> {
  const result = await build({ configFile, root: undefined, logLevel: 'warn', build: { outDir, emptyOutDir: true } })
  const outputs = Array.isArray(result) ? result : [result]
  return outputs.flatMap((o) => ('output' in o ? o.output : []))
}

export interface BenchExtension {
  context: BrowserContext
  extensionId: string
  url(path: string): string
  /** A fresh tab on an extension page, with a popup-sized viewport. */
  open(path: string): Promise<Page>
  close(): Promise<void>
}

export async function launchBuiltExtension(dir: string, standIn: StandIn): Promise<BenchExtension> {
  const profileDir = mkdtempSync(join(tmpdir(), 'ask-anywhere-bench-profile-'))
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 420, height: 560 },
    args: [
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      `--host-resolver-rules=MAP chatgpt.com 127.0.0.1:${standIn.port}, MAP chat.openai.com 127.0.0.1:${standIn.port}`,
      `--ignore-certificate-errors-spki-list=${standIn.spkiSha256}`,
      '--disable-gpu',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  })
  try {
    await setLoginCookie(context, standIn)
    await context.addInitScript({ content: PAGE_PROBE })
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }))
    const extensionId = new URL(worker.url()).host
    const url = (path: string) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`
    return {
      context,
      extensionId,
      url,
      async open(path) {
        const page = await context.newPage()
        await page.goto(url(path))
        return page
      },
      async close() {
        await context.close()
        rmSync(profileDir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await context.close()
    rmSync(profileDir, { recursive: true, force: true })
    throw error
  }
}
