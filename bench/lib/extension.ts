/**
 * Builds the extension into a folder of the bench's own (so a bench never races another build of
 * dist/) and launches Debian's Chromium with it through the e2e harness's `launchExtension`, its
 * chatgpt.com traffic resolved to the stand-in. Every page gets the bench's probe (page-probe.ts).
 */
import { resolve } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { build, type Rolldown } from 'vite'
import { launchExtension } from '../../e2e/harness/launch'
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
  const ext = await launchExtension({ standIn, loggedIn: true, extensionDir: dir, viewport: { width: 420, height: 560 } })
  try {
    await ext.context.addInitScript({ content: PAGE_PROBE })
  } catch (error) {
    await ext.close()
    throw error
  }
  return {
    context: ext.context,
    extensionId: ext.extensionId,
    url: ext.url,
    async open(path) {
      const page = await ext.context.newPage()
      await page.goto(ext.url(path))
      return page
    },
    close: () => ext.close(),
  }
}
