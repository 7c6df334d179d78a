/**
 * F4 / F5 / G12, in a browser where nothing holds the service worker open (support/raw-browser.ts:
 * no DevTools session on the worker, the popup closed while we wait), so Chrome's 30-second idle
 * stop is live:
 * - response headers that take 40 s: the same worker gets the answer;
 * - a model that sends a few tokens and then says nothing for 45 s: the same worker finishes it;
 * - once nothing is in flight, Chrome stops the worker (no perpetual keep-alive), observed in the
 *   browser's target list.
 * "The same worker" means the service-worker target never changed and the answer carries no
 * recovery note: it was streamed, not read back after a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { faults, startStandIn, type StandIn } from '../../test/chatgpt-stand-in/index'
import { answersIn, askInPopup, launchRawBrowser, type RawBrowser } from './support/raw-browser'
import { createExactlyOnceLedger, numberedAnswer, pollUntil, sendsOf, sleep } from './support/kit'

const HEADER_DELAY_MS = 40_000
const SILENCE_MS = 45_000
/** Chrome stops an idle extension worker after 30 s; threats-and-faults G12 allows 35. */
const IDLE_STOP_BOUND_MS = 35_000

let standIn: StandIn
let browser: RawBrowser
const ledger = createExactlyOnceLedger()

beforeAll(async () => {
  standIn = await startStandIn({ era: '2026' })
  browser = await launchRawBrowser(standIn)
})
afterAll(async () => {
  ledger.collect(standIn)
  expect(ledger.report('long silence').duplicates).toBe(0)
  await browser?.close()
  await standIn?.close()
})

/**
 * Asks in a fresh popup, closes it once the request is on its way, samples the worker targets
 * until the stand-in has written the whole answer, then reopens the popup to read it.
 */
async function askAndWaitAlone(threadKey: string, prompt: string, untilStarted: () => boolean) {
  const popup = await browser.open(`src/popup/index.html?thread=${threadKey}`)
  await askInPopup(popup, prompt)
  if (!(await pollUntil(async () => untilStarted(), Boolean, 20_000))) throw new Error('the question never reached the stand-in')
  const workersSeen = new Set(await browser.workers())
  await popup.close()
  const send = () => sendsOf(standIn).at(-1)
  for (const deadline = Date.now() + 120_000; !send()?.finished && Date.now() < deadline; await sleep(1_000)) {
    for (const id of await browser.workers()) workersSeen.add(id)
  }
  const reopened = await browser.open(`src/popup/index.html?thread=${threadKey}`)
  const answers = await pollUntil(() => answersIn(reopened), (list) => list[0]?.status === 'complete' || list[0]?.status === 'interrupted', 30_000, 100)
  for (const id of await browser.workers()) workersSeen.add(id)
  return { answer: answers[0]!, workersSeen, page: reopened, send: send()! }
}

describe('a worker nobody holds open', () => {
  it('gets an answer whose headers take 40 s', async () => {
    const text = numberedAnswer(10, 'slow headers')
    standIn.queueAnswer({ text, delayMs: 5 })
    standIn.injectFault(faults.headerDelay(HEADER_DELAY_MS))
    const started = Date.now()
    const { answer, workersSeen, page, send } = await askAndWaitAlone('header-delay', 'slow to start', () => sendsOf(standIn).length > 0)
    console.log(
      `[header delay] ${HEADER_DELAY_MS} ms: status=${answer.status} same worker=${workersSeen.size === 1} (targets seen: ${workersSeen.size}) ` +
        `recovery note="${answer.note}" took ${Date.now() - started} ms sends=${sendsOf(standIn).length}`,
    )
    expect(send.faults).toContain('headerDelay')
    expect(answer.status).toBe('complete')
    expect(answer.note).toBe('')
    expect(workersSeen.size).toBe(1)
    expect(sendsOf(standIn)).toHaveLength(1)
    await page.close()
    ledger.collect(standIn)
    standIn.reset()
  }, 150_000)

  it('finishes an answer that goes silent for 45 s, then lets Chrome stop the worker', async () => {
    const text = numberedAnswer(12, 'a thinking model')
    standIn.queueAnswer({ text, delayMs: 5 })
    // A few tokens first (the 2026 stream opens with about ten frames of metadata), then silence.
    standIn.injectFault(faults.stall({ afterFrames: 14, ms: SILENCE_MS }))
    const { answer, workersSeen, page, send } = await askAndWaitAlone('long-silence', 'think about it', () => (sendsOf(standIn).at(-1)?.bytesWritten ?? 0) > 0)
    expect(send.faults).toContain('stall')
    expect(answer.status).toBe('complete')
    expect(answer.text.replace(/\s+/g, ' ').trim()).toBe(text)
    expect(answer.note).toBe('')
    expect(workersSeen.size).toBe(1)

    // Nothing in flight and no page open: Chrome's idle timer is the only thing left.
    await page.close()
    const idleFrom = Date.now()
    const remaining = await pollUntil(() => browser.workers(), (ids) => ids.length === 0, IDLE_STOP_BOUND_MS + 15_000, 500)
    const stoppedAfter = Date.now() - idleFrom
    console.log(
      `[long silence] ${SILENCE_MS} ms of silence mid-answer: status=${answer.status} same worker=${workersSeen.size === 1} ` +
        `recovery note="${answer.note}"; worker stopped by Chrome ${remaining.length === 0 ? `${stoppedAfter} ms` : 'NOT'} after the last page closed`,
    )
    expect(remaining).toEqual([])
    expect(stoppedAfter).toBeLessThanOrEqual(IDLE_STOP_BOUND_MS + 5_000)
    expect(sendsOf(standIn)).toHaveLength(1)
  }, 180_000)
})
