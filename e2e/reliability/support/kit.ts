/**
 * Shared tools of the reliability suites (threats-and-faults F1–F23): seeded fault points, the
 * soak switch, a character-level comparison, the exactly-once ledger over the stand-in, stopping
 * the service worker the way Chrome does (CDP `Target.closeTarget`), and reading its counters.
 */
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, expect } from 'vitest'
import type { StandIn } from '../../../test/chatgpt-stand-in/index'
import type { WorkerDiagnostics } from '../../../src/background/reliability/diagnostics'
import { useBrowserSuite } from '../../harness/browser-suite'
import type { LaunchedExtension } from '../../harness/launch'
import type { PopupPage } from '../../harness/popup-page'

/** `npm run test:soak` sets SOAK=1: the long variants. */
export const SOAK = process.env.SOAK === '1'
export const iterations = (fast: number, soak: number) => (SOAK ? soak : fast)

/** Deterministic fault points (mulberry32), so a failing run can be replayed from its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Characters lost and duplicated in `got` against `expected`: whatever lies between their common
 * prefix and common suffix. Identical strings give 0 and 0.
 */
export function charDiff(expected: string, got: string): { lost: number; duplicated: number } {
  let prefix = 0
  while (prefix < expected.length && prefix < got.length && expected[prefix] === got[prefix]) prefix += 1
  let suffix = 0
  while (suffix < expected.length - prefix && suffix < got.length - prefix && expected.at(-1 - suffix) === got.at(-1 - suffix)) suffix += 1
  return { lost: expected.length - prefix - suffix, duplicated: got.length - prefix - suffix }
}

/** Rendered markdown collapses whitespace; compare words. */
export const words = (text: string) => text.replace(/\s+/g, ' ').trim()

/** Characters compared, lost and duplicated over a run's points. */
export interface CopyTally {
  points: number
  compared: number
  lost: number
  duplicated: number
}

/**
 * Compares both copies of one answer with the text sent (the stored one exactly, the rendered one
 * by its words), adds them to `tally` and returns each copy's diff.
 */
export function tallyCopies(tally: CopyTally, sent: string, stored: string, shown: string) {
  const storedDiff = charDiff(sent, stored)
  const shownDiff = charDiff(words(sent), words(shown))
  tally.points += 1
  tally.compared += sent.length + words(sent).length
  tally.lost += storedDiff.lost + shownDiff.lost
  tally.duplicated += storedDiff.duplicated + shownDiff.duplicated
  return { storedDiff, shownDiff }
}

/** A long plain answer whose every sentence is numbered, so a lost or repeated piece shows. */
export function numberedAnswer(sentences: number, tag: string): string {
  return Array.from({ length: sentences }, (_, i) => `Sentence ${String(i + 1).padStart(3, '0')} of ${tag} 你好 🎉.`).join(' ')
}

const SEND_PATH = /^\/backend-api\/(?:f\/)?conversation$/

/** Every question the stand-in accepted, across the tests of one file (the stand-in resets between). */
export function createExactlyOnceLedger() {
  const accepted: string[] = []
  let posts = 0
  return {
    /** Call before `standIn.reset()`. */
    collect(standIn: StandIn): void {
      accepted.push(...standIn.conversations().flatMap((c) => c.userMessageIds))
      posts += standIn.log.filter((e) => e.method === 'POST' && SEND_PATH.test(e.path)).length
      if (standIn.violations().includes('duplicate-user-message')) accepted.push('duplicate-user-message (violation)')
    },
    report(label: string): { accepted: number; duplicates: number; posts: number } {
      const duplicates = accepted.length - new Set(accepted).size
      console.log(`[exactly-once] ${label}: sends=${posts} accepted user messages=${accepted.length} duplicates=${duplicates}`)
      return { accepted: accepted.length, duplicates, posts }
    },
  }
}

/** What a reliability test file shares: the stand-in, the logged-in browser and the file's ledger. */
export interface LedgeredSuite {
  standIn: StandIn
  ext: LaunchedExtension
  ledger: ReturnType<typeof createExactlyOnceLedger>
}

/**
 * `useBrowserSuite` (one stand-in, one logged-in browser for the file) plus its exactly-once
 * ledger: after the file, collects the last test's sends and fails the file if any question was
 * accepted twice (`label` names it in the report). The stand-in is not reset per test: a file that
 * resets it collects the ledger first (`freshStart` does both). The fields are set once `beforeAll` has run.
 */
export function useLedgeredSuite(label: string): LedgeredSuite {
  const suite = Object.assign(useBrowserSuite({ resetEachTest: false }), { ledger: createExactlyOnceLedger() })
  // Registered after the suite's own, so it runs before the stand-in closes (after-hooks run in reverse).
  afterAll(() => {
    suite.ledger.collect(suite.standIn)
    expect(suite.ledger.report(label).duplicates).toBe(0)
  })
  return suite
}

/** The conversation POSTs the stand-in has seen, oldest first. */
export const sendsOf = (standIn: StandIn) => standIn.log.filter((e) => e.method === 'POST' && SEND_PATH.test(e.path))

/** Reads of the server's copy of a conversation (the recovery path). */
export const conversationReads = (standIn: StandIn) => standIn.log.filter((e) => e.method === 'GET' && /^\/backend-api\/conversation\/[^/]+$/.test(e.path))

/** A DevTools session on a plain page of the browser (Target.* works from there in Chromium 156). */
async function targetSession(context: BrowserContext) {
  const page: Page = context.pages()[0] ?? (await context.newPage())
  return context.newCDPSession(page)
}

interface TargetInfo {
  targetId: string
  type: string
  url: string
}

/** The extension's service worker targets (0 when Chrome has stopped it). */
export async function workerTargets(ext: LaunchedExtension): Promise<TargetInfo[]> {
  const cdp = await targetSession(ext.context)
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] }
    return targetInfos.filter((t) => t.type === 'service_worker' && t.url.includes(ext.extensionId))
  } finally {
    await cdp.detach().catch(() => undefined)
  }
}

/**
 * Stops the service worker as Chrome does on an idle kill, crash or update: the worker and every
 * fetch it had in flight are gone (Google's terminate-sw sample; toolchain.md pitfall 12).
 * Returns how many workers were closed.
 */
export async function killWorker(ext: LaunchedExtension): Promise<number> {
  const cdp = await targetSession(ext.context)
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] }
    const workers = targetInfos.filter((t) => t.type === 'service_worker' && t.url.includes(ext.extensionId))
    for (const worker of workers) await cdp.send('Target.closeTarget', { targetId: worker.targetId })
    return workers.length
  } finally {
    await cdp.detach().catch(() => undefined)
  }
}

/**
 * Between tests: the stand-in forgets everything (`reset()`), including the sentinel tokens it
 * issued, so a bundle the worker prefetched while the last test typed would be refused. Stopping
 * the worker too starts each test from a fresh worker with empty caches.
 */
export async function freshStart(standIn: StandIn, ext: LaunchedExtension, ledger: { collect(s: StandIn): void }): Promise<void> {
  ledger.collect(standIn)
  standIn.reset()
  // Never stop a worker that is still installing: Chrome would count the install as failed and
  // the extension would be left without a worker.
  await pollUntil(
    () => workerState(ext),
    (state) => state === 'activated',
    10_000,
    100,
  )
  await killWorker(ext)
}

/** The live worker's lifecycle state (`installing` … `activated`), or '' while none answers. */
async function workerState(ext: LaunchedExtension): Promise<string> {
  const worker = ext.context.serviceWorkers().filter((w) => w.url().includes(ext.extensionId)).at(-1)
  if (!worker) return ''
  return worker.evaluate(() => (self as unknown as { serviceWorker?: { state: string } }).serviceWorker?.state ?? '').catch(() => '')
}

/** The worker's keep-alive and job counters (reliability/diagnostics.ts), from the live worker. */
export async function workerDiagnostics(ext: LaunchedExtension): Promise<WorkerDiagnostics> {
  for (let attempt = 0; ; attempt += 1) {
    const workers = ext.context.serviceWorkers().filter((w) => w.url().includes(ext.extensionId))
    try {
      const worker = workers.at(-1) ?? (await ext.currentWorker())
      return await worker.evaluate(() => (globalThis as unknown as Record<string, () => WorkerDiagnostics>)['__askAnywhereDiagnostics']!())
    } catch (error) {
      // A worker object Playwright still lists after Chrome stopped it: try the next one.
      if (attempt >= 20) throw error
      await sleep(100)
    }
  }
}

/** Waits until turn `index` (0-based) of the popup's thread shows `status`. */
export async function turnReaches(popup: PopupPage, index: number, status: string, timeout = 30_000): Promise<void> {
  await popup.page.locator('.job').nth(index).locator(`[data-testid=answer][data-status=${status}]`).waitFor({ state: 'attached', timeout })
}

/** Polls `read` every `everyMs` until `done` holds or `timeoutMs` passes; returns the last value. */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value) || Date.now() > deadline) return value
    await sleep(everyMs)
  }
}
