/**
 * F6 / G12: the stream stays open but sends nothing past the stall limit (3 s here, through the
 * `stallTimeoutMs` setting; 90 s by default). The worker notices within the limit + 2 s, lets the
 * connection go, and reads the answer from the server's copy; when the copy is out of reach the
 * answer is flagged interrupted ("the connection stalled") with Check result, which completes it
 * later. Never a second send.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { faults, type RequestLogEntry } from '../../test/chatgpt-stand-in/index'
import { PopupPage } from '../harness/popup-page'
import { conversationReads, numberedAnswer, sendsOf, sleep, turnReaches, workerDiagnostics, freshStart, useLedgeredSuite } from './support/kit'

const STALL_LIMIT_MS = 3_000
const CONVERSATION_GET = { path: /^\/backend-api\/conversation\/[^/]+$/, method: 'GET' }

const suite = useLedgeredSuite('stall')
beforeAll(() => suite.ext.worker.evaluate((ms) => chrome.storage.local.set({ 'settings:v1': { stallTimeoutMs: ms } }), STALL_LIMIT_MS))
beforeEach(() => freshStart(suite.standIn, suite.ext, suite.ledger))

/** When the stand-in wrote its last byte to `entry` and when the client gave up on it. */
async function watchStall(entry: () => RequestLogEntry | undefined): Promise<{ lastByteAt: number; closedAt: number }> {
  let bytes = -1
  let lastByteAt = Date.now()
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(20)) {
    const current = entry()
    if (!current) continue
    if (current.bytesWritten !== bytes) {
      bytes = current.bytesWritten
      lastByteAt = Date.now()
    }
    if (current.closedByClient) return { lastByteAt, closedAt: Date.now() }
  }
  throw new Error('the client never gave up on the stalled stream')
}

describe('a stalled stream', () => {
  it('is detected within the limit, and completed from the server copy', async () => {
    const text = numberedAnswer(20, 'the stalled answer')
    suite.standIn.queueAnswer({ text, delayMs: 10 })
    suite.standIn.injectFault(faults.stall({ afterFrames: 12, ms: 60_000 }))
    const popup = await PopupPage.open(suite.ext, 'stall-recovered')
    await popup.ask('question')
    const { lastByteAt, closedAt } = await watchStall(() => sendsOf(suite.standIn)[0])
    const detectedMs = closedAt - lastByteAt
    await popup.waitForAnswer(0, 'complete', 20_000)
    const job = (await popup.storedJobs())[0]!
    console.log(`[stall] limit=${STALL_LIMIT_MS} ms detected ${detectedMs} ms after the last byte; recovered=${job.text === text} reads=${conversationReads(suite.standIn).length} sends=${sendsOf(suite.standIn).length}`)
    expect(detectedMs).toBeGreaterThanOrEqual(STALL_LIMIT_MS - 200)
    // threats-and-faults G12: detection at most the limit + 2 s (plus slack for this shared machine).
    expect(detectedMs).toBeLessThan(STALL_LIMIT_MS + 2_000 + 1_500)
    expect(job).toMatchObject({ status: 'complete', text, recovery: 'stalled' })
    expect(await popup.page.getByTestId('job-recovery-note').innerText()).toMatch(/connection stalled; the full answer was read from ChatGPT/)
    expect(sendsOf(suite.standIn)).toHaveLength(1)
    expect(await workerDiagnostics(suite.ext)).toMatchObject({ keepAliveHolders: 0, heartbeating: false })
    await popup.close()
  })

  it('without the server copy it stays interrupted, says the connection stalled, and Check result completes it', async () => {
    const text = numberedAnswer(20, 'checked later')
    suite.standIn.queueAnswer({ text, delayMs: 10 })
    suite.standIn.injectFault(faults.stall({ afterFrames: 12, ms: 60_000 }))
    suite.standIn.injectFault({ match: CONVERSATION_GET, kind: 'status', status: 503, body: 'busy', times: Infinity })
    const popup = await PopupPage.open(suite.ext, 'stall-checked')
    await popup.ask('question')
    await turnReaches(popup, 0, 'interrupted', 20_000)
    const partial = (await popup.storedJobs())[0]!
    expect(partial).toMatchObject({ status: 'interrupted', recovery: 'stalled' })
    expect(text.startsWith(partial.text)).toBe(true)
    expect(partial.text.length).toBeGreaterThan(0)
    const note = popup.page.getByTestId('job-recovery-note')
    expect(await note.innerText()).toMatch(/connection stalled: no data/)

    suite.standIn.clearFaults()
    await note.getByTestId('check-result').click()
    await popup.waitForAnswer(0, 'complete', 20_000)
    const done = (await popup.storedJobs())[0]!
    console.log(`[stall, copy unreachable] partial=${partial.text.length}/${text.length} chars, then Check result → ${done.status}, sends=${sendsOf(suite.standIn).length}`)
    expect(done.text).toBe(text)
    expect(sendsOf(suite.standIn)).toHaveLength(1)
    await popup.close()
  })
})
