/**
 * Figure 2: added first-token latency, and the requests a question costs with a cached token.
 *
 * Latency: from the stand-in writing the first answer byte of a stream to the popup having painted
 * the frame that shows it. The stand-in's side is the moment its socket write returned (see
 * stand-in-clock.ts); the page's side is the first task after the rendering update that contains
 * the DOM commit (see page-probe.ts). Both clocks are `timeOrigin + now()`, aligned by a measured
 * offset (clock.ts) whose uncertainty is reported.
 */
import type { Page } from 'playwright-core'
import type { StandIn } from '../test/chatgpt-stand-in/index'
import { measureClockOffset, nodeNow, type ClockOffset } from './lib/clock'
import type { BenchExtension } from './lib/extension'
import type { ProbeMark } from './lib/page-probe'
import type { StandInClock } from './lib/stand-in-clock'

const SEND_PATH = /^\/backend-api\/(?:f\/)?conversation$/

export interface FirstTokenResult {
  /** Per run: first answer byte written → frame painted, ms. */
  paintLatencies: number[]
  /** Per run: first answer byte written → DOM commit, ms. */
  commitLatencies: number[]
  /** Runs whose probe or clock did not report (excluded). */
  missed: number
  clock: ClockOffset
}

export interface RequestsBeforeSend {
  /** Requests while the user typed (prewarm), before Enter. */
  whileTyping: string[]
  /** Requests after Enter, before the conversation POST. */
  afterEnter: string[]
}

const lastSend = (standIn: StandIn, afterId: number) =>
  [...standIn.log].reverse().find((e) => e.id > afterId && e.method === 'POST' && SEND_PATH.test(e.path))

async function oneRun(page: Page, standIn: StandIn, clock: StandInClock, offset: ClockOffset, run: number): Promise<{ paint: number; commit: number } | undefined> {
  const marker = `qx${run}zv`
  const lastId = standIn.log.at(-1)?.id ?? -1
  standIn.queueAnswer({ text: `${marker} is the first token of a short answer.`, delayMs: 25 })
  await page.evaluate((m) => window.__benchProbe!.watch.push(m), marker)
  await page.getByTestId('composer').fill(`latency run ${run}`)
  await page.getByTestId('composer').press('Enter')
  await page.locator('[data-testid=answer][data-status=complete]').last().waitFor({ state: 'attached', timeout: 20_000 })
  await page.waitForFunction((m) => window.__benchProbe!.seen[m]?.paintedAt !== undefined, marker, { timeout: 5_000 })
  const mark: ProbeMark | undefined = await page.evaluate((m) => window.__benchProbe!.seen[m], marker)
  const send = lastSend(standIn, lastId)
  const written = send ? clock.firstAnswerWriteAt(send.id) : undefined
  // A new chat each run keeps the page as small as on the first question.
  await page.getByTestId('new-chat').click()
  await page.locator('[data-testid=answer]').first().waitFor({ state: 'detached', timeout: 5_000 })
  if (!mark?.paintedAt || written === undefined) return undefined
  return { paint: mark.paintedAt - offset.offsetMs - written, commit: mark.committedAt - offset.offsetMs - written }
}

export async function runFirstToken(ext: BenchExtension, standIn: StandIn, clock: StandInClock, runs: number): Promise<FirstTokenResult> {
  const page = await ext.open('src/popup/index.html?thread=bench-first-token')
  try {
    await page.getByTestId('composer').waitFor({ timeout: 15_000 })
    await page.bringToFront()
    // Warm-up: token, sentinel path and highlighter chunk loaded once, as for any real second question.
    await oneRun(page, standIn, clock, { offsetMs: 0, uncertaintyMs: 0 }, -1)
    const offset = await measureClockOffset(page)
    const result: FirstTokenResult = { paintLatencies: [], commitLatencies: [], missed: 0, clock: offset }
    for (let run = 0; run < runs; run++) {
      const measured = await oneRun(page, standIn, clock, offset, run)
      if (!measured) result.missed += 1
      else {
        result.paintLatencies.push(measured.paint)
        result.commitLatencies.push(measured.commit)
      }
    }
    return result
  } finally {
    await page.close()
  }
}

/**
 * With the token cached (an earlier question), a fresh popup: type (which sends `prewarm`), wait
 * for the sentinel prefetch to land or 3 s, press Enter, and list the requests before the POST.
 */
export async function runRequestsBeforeSend(ext: BenchExtension, standIn: StandIn): Promise<RequestsBeforeSend> {
  const page = await ext.open('src/popup/index.html?thread=bench-requests')
  try {
    await page.getByTestId('composer').waitFor({ timeout: 15_000 })
    const startId = standIn.log.at(-1)?.id ?? -1
    standIn.queueAnswer({ text: 'A short answer.' })
    await page.getByTestId('composer').fill('a question typed slowly')
    const typedAt = nodeNow()
    while (nodeNow() - typedAt < 3_000 && !standIn.log.some((e) => e.id > startId && e.path.includes('/sentinel/') && e.finished)) {
      await page.waitForTimeout(50)
    }
    await page.waitForTimeout(100)
    const enterId = standIn.log.at(-1)?.id ?? -1
    await page.getByTestId('composer').press('Enter')
    const send = await standIn.waitFor((e) => e.id > enterId && e.method === 'POST' && SEND_PATH.test(e.path), 15_000)
    await page.locator('[data-testid=answer][data-status=complete]').waitFor({ state: 'attached', timeout: 15_000 })
    const describe = (from: number, to: number) => standIn.log.filter((e) => e.id > from && e.id < to).map((e) => `${e.method} ${e.path}`)
    return { whileTyping: describe(startId, enterId + 1), afterEnter: describe(enterId, send.id) }
  } finally {
    await page.close()
  }
}
