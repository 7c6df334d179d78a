/**
 * Figure 4: service worker cold start → first request sent. With no extension page open, the
 * worker is stopped through CDP (`ServiceWorker.stopAllWorkers`); then an extension page opens a
 * port (which wakes it), opens its thread and asks as soon as the thread arrives, as the popup does. Measured from the port being opened (page clock) to the
 * stand-in logging the worker's first request (Node clock), aligned as in figure 2; also to the
 * worker's first reply on the port.
 */
import type { CDPSession, Page } from 'playwright-core'
import { UI_PORT_NAME } from '../src/shared/messaging/protocol'
import type { StandIn } from '../test/chatgpt-stand-in/index'
import { measureClockOffset } from './lib/clock'
import type { BenchExtension } from './lib/extension'
import type { StandInClock } from './lib/stand-in-clock'

export interface ColdStartRun {
  /** Port opened → worker's first reply, ms. */
  firstReplyMs: number
  /** Port opened → first request logged by the stand-in, ms. */
  firstRequestMs: number
  firstRequest: string
}

interface WorkerVersion {
  runningStatus: string
  scriptURL: string
}

function stoppedNow(statuses: Map<string, string>, extensionId: string): boolean {
  const ours = [...statuses].filter(([url]) => url.includes(extensionId))
  return ours.length > 0 && ours.every(([, status]) => status === 'stopped')
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls `ready` every 20 ms for up to `ms`; whether it became true. */
async function within(ms: number, ready: () => boolean): Promise<boolean> {
  for (const deadline = Date.now() + ms; !ready(); await sleep(20)) if (Date.now() > deadline) return false
  return true
}

/**
 * Stops the worker and waits until it stays stopped. Right after the bench has closed the pages
 * that talked to it, Chrome sometimes starts it again within milliseconds of stopping it (seen as
 * stopped → starting → running in 3 of 4 rounds after the popup-open figure), so a stop that does
 * not hold for `STOPPED_FOR_MS` is repeated.
 */
const STOPPED_FOR_MS = 300
async function stopWorker(cdp: CDPSession, extensionId: string, statuses: Map<string, string>, log: string[]): Promise<void> {
  const began = Date.now()
  log.length = 0
  for (let attempt = 1; attempt <= 5; attempt++) {
    await cdp.send('ServiceWorker.stopAllWorkers')
    if (await within(2_000, () => stoppedNow(statuses, extensionId))) {
      await sleep(STOPPED_FOR_MS)
      if (stoppedNow(statuses, extensionId)) return
    }
  }
  const transitions = log.join(', ').replace(/\d{13}/g, (at) => String(Number(at) - began))
  throw new Error(`the service worker did not stay stopped after 5 stops; ${transitions} (ms after the first)`)
}

export async function runColdStart(ext: BenchExtension, standIn: StandIn, clock: StandInClock, runs: number): Promise<ColdStartRun[]> {
  const host: Page = await ext.context.newPage()
  const cdp = await ext.context.newCDPSession(host)
  const statuses = new Map<string, string>()
  const log: string[] = []
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }: { versions: WorkerVersion[] }) => {
    for (const v of versions) {
      statuses.set(v.scriptURL, v.runningStatus)
      if (v.scriptURL.includes(ext.extensionId)) log.push(`${v.runningStatus}@${Date.now()}`)
    }
  })
  await cdp.send('ServiceWorker.enable')
  const results: ColdStartRun[] = []
  try {
    for (let run = 0; run < runs; run++) {
      for (const page of ext.context.pages()) if (page !== host) await page.close()
      await stopWorker(cdp, ext.extensionId, statuses, log)
      // An extension-origin document with no script of its own, so nothing but the bench wakes the worker.
      const page = await ext.open('manifest.json')
      try {
        const offset = await measureClockOffset(page, 8)
        const lastId = standIn.log.at(-1)?.id ?? -1
        standIn.queueAnswer({ text: `Cold start answer ${run}.` })
        const threadKey = `bench-cold-${run}`
        if (!stoppedNow(statuses, ext.extensionId)) throw new Error('the service worker woke before the bench asked')
        const timing = await page.evaluate(
          ({ name, key }) =>
            new Promise<{ openedAt: number; repliedAt: number }>((resolve, reject) => {
              const openedAt = performance.timeOrigin + performance.now()
              const port = chrome.runtime.connect({ name })
              let repliedAt = 0
              const timer = setTimeout(() => reject(new Error('no finished answer within 20 s')), 20_000)
              port.onMessage.addListener((event: { type: string; job?: { status: string }; thread?: { jobs: { status: string }[] } }) => {
                if (!repliedAt) {
                  // The popup asks only once its thread is open; so does this page.
                  repliedAt = performance.timeOrigin + performance.now()
                  port.postMessage({ type: 'ask', threadKey: key, prompt: 'cold start question' })
                }
                const status = event.job?.status ?? event.thread?.jobs.at(-1)?.status
                if (status === 'complete') {
                  clearTimeout(timer)
                  port.disconnect()
                  resolve({ openedAt, repliedAt })
                }
              })
              port.postMessage({ type: 'openThread', threadKey: key, surface: 'popup' })
            }),
          { name: UI_PORT_NAME, key: threadKey },
        )
        const first = standIn.log.find((e) => e.id > lastId)
        const loggedAt = first ? clock.loggedAt(first.id) : undefined
        if (!first || loggedAt === undefined) throw new Error('the stand-in saw no request')
        const opened = timing.openedAt - offset.offsetMs
        results.push({
          firstReplyMs: timing.repliedAt - timing.openedAt,
          firstRequestMs: loggedAt - opened,
          firstRequest: `${first.method} ${first.path}`,
        })
      } finally {
        await page.close()
      }
    }
  } finally {
    await cdp.detach().catch(() => undefined)
    await host.close()
  }
  return results
}
