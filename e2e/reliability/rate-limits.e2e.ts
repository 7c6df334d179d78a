/**
 * F15 / F16 / G14 in the browser: a 429 with Retry-After is waited out (shown as a time) and the
 * same message goes again; a quota (`clears_in` hours away) is not retried and shows its reset
 * time; a rate limit reported after the first token is never retried; "Only one message at a
 * time" waits in the queue. Each question is accepted exactly once.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { faults } from '../../test/chatgpt-stand-in/index'
import { PopupPage } from '../harness/popup-page'
import { freshStart, sendsOf, sleep, turnReaches, useLedgeredSuite } from './support/kit'

const suite = useLedgeredSuite('rate limits')
beforeEach(() => freshStart(suite.standIn, suite.ext, suite.ledger))

const messageIdOf = (body: unknown) => ((body as { messages?: { id: string }[] }).messages ?? [])[0]?.id

describe('rate limits', () => {
  it('Retry-After: 2 → waits, says until when, then sends the same message once more', async () => {
    suite.standIn.injectFault(faults.tooManyRequests({ retryAfter: 2 }))
    const popup = await PopupPage.open(suite.ext, 'retry-after')
    await popup.ask('the question')
    const note = popup.page.locator('.job').nth(0).getByRole('status')
    await expect.poll(() => note.innerText(), { timeout: 10_000 }).toMatch(/trying again at \d{1,2}:\d{2}/)
    await popup.waitForAnswer(0, 'complete', 20_000)
    const [refused, sent] = sendsOf(suite.standIn)
    const gapMs = sent!.time - refused!.time
    console.log(`[429 Retry-After: 2] sends=${sendsOf(suite.standIn).length} statuses=${sendsOf(suite.standIn).map((e) => e.status)} gap=${gapMs} ms same message id=${messageIdOf(refused!.body) === messageIdOf(sent!.body)}`)
    expect(sendsOf(suite.standIn).map((e) => e.status)).toEqual([429, 200])
    expect(gapMs).toBeGreaterThanOrEqual(2_000)
    expect(messageIdOf(sent!.body)).toBe(messageIdOf(refused!.body))
    await popup.close()
  })

  it('clears_in 9665 s → no retry, the reset time is shown', async () => {
    suite.standIn.injectFault(faults.rateLimited({ clearsIn: 9665 }))
    const popup = await PopupPage.open(suite.ext, 'quota')
    await popup.ask('the question')
    const notice = popup.page.locator('.job [data-testid=error-notice][data-code=rate-limited]')
    await notice.waitFor()
    await sleep(2_500)
    console.log(`[429 clears_in 9665] sends=${sendsOf(suite.standIn).length} notice="${await notice.innerText()}"`)
    expect(await notice.innerText()).toMatch(/try again at .*\d{1,2}:\d{2}/)
    expect(sendsOf(suite.standIn)).toHaveLength(1)
    await popup.close()
  })

  it('a rate limit after the first token is never retried', async () => {
    suite.standIn.queueAnswer({ text: 'Some words arrive before the limit hits. '.repeat(6) })
    suite.standIn.injectFault(faults.streamError({ afterFrames: 14, message: 'You have reached our limit of messages per hour. Please try again later.' }))
    const popup = await PopupPage.open(suite.ext, 'limit-mid-answer')
    await popup.ask('the question')
    await turnReaches(popup, 0, 'failed', 20_000)
    await sleep(2_500)
    const job = (await popup.storedJobs())[0]!
    console.log(`[rate limit after the first token] sends=${sendsOf(suite.standIn).length} text kept=${job.text.length} chars code=${job.error?.code}`)
    expect(job.error?.code).toBe('rate-limited')
    expect(job.text.length).toBeGreaterThan(0)
    expect(sendsOf(suite.standIn)).toHaveLength(1)
    await popup.close()
  })

  it('"Only one message at a time" and two threads at once: queued, sent one after the other', async () => {
    suite.standIn.injectFault(faults.oneAtATime())
    const a = await PopupPage.open(suite.ext, 'busy-a')
    const b = await PopupPage.open(suite.ext, 'busy-b')
    suite.standIn.queueAnswer({ text: 'Answer A. '.repeat(20), delayMs: 10 })
    suite.standIn.queueAnswer({ text: 'Answer B. '.repeat(20), delayMs: 10 })
    await Promise.all([a.ask('question A'), b.ask('question B')])
    await Promise.race([
      a.page.locator('[data-testid=answer][data-status=queued]').waitFor({ state: 'attached' }),
      b.page.locator('[data-testid=answer][data-status=queued]').waitFor({ state: 'attached' }),
    ])
    await a.waitForAnswer(0, 'complete', 30_000)
    await b.waitForAnswer(0, 'complete', 30_000)
    const sends = sendsOf(suite.standIn)
    const ok = sends.filter((e) => e.status === 200)
    console.log(`[one at a time] sends=${sends.length} statuses=${sends.map((e) => e.status)} violations=${suite.standIn.violations().join(',') || 'none'}`)
    expect(sends.map((e) => e.status)).toEqual([429, 200, 200])
    // The refused message went again with its own id, and nothing overlapped: the stand-in
    // answers a send during another stream with 429 and records 'concurrent-send'.
    expect(messageIdOf(sends[0]!.body)).toBe(messageIdOf(ok[0]!.body))
    expect(new Set(ok.map((e) => messageIdOf(e.body))).size).toBe(2)
    expect(suite.standIn.violations()).toEqual([])
    await a.close()
    await b.close()
  })

  it('two questions to one conversation within 10 ms: sent strictly one after the other, the second under the first answer', async () => {
    const popup = await PopupPage.open(suite.ext, 'same-thread')
    suite.standIn.queueAnswer({ text: 'First answer. '.repeat(20), delayMs: 10 })
    suite.standIn.queueAnswer({ text: 'Second answer.', delayMs: 10 })
    await popup.page.evaluate(async () => {
      const port = chrome.runtime.connect({ name: 'ask-anywhere-ui' })
      await new Promise<void>((resolve) => {
        port.onMessage.addListener((event: { type: string }) => event.type === 'thread' && resolve())
        port.postMessage({ type: 'openThread', threadKey: 'same-thread', surface: 'popup' })
      })
      port.postMessage({ type: 'ask', threadKey: 'same-thread', prompt: 'first' })
      port.postMessage({ type: 'ask', threadKey: 'same-thread', prompt: 'second' })
      ;(globalThis as unknown as { keep: unknown }).keep = port
    })
    await popup.waitForAnswer(1, 'complete', 30_000)
    const sends = sendsOf(suite.standIn)
    const [first] = await popup.storedJobs()
    const parents = sends.map((e) => (e.body as { parent_message_id?: string }).parent_message_id)
    console.log(`[two at once, one conversation] sends=${sends.length} statuses=${sends.map((e) => e.status)} second parent is the first answer=${parents[1] === first!.messageId} violations=${suite.standIn.violations().join(',') || 'none'}`)
    expect(sends.map((e) => e.status)).toEqual([200, 200])
    expect(parents[1]).toBe(first!.messageId)
    expect(new Set(sends.map((e) => messageIdOf(e.body))).size).toBe(2)
    expect(suite.standIn.violations()).toEqual([])
    await popup.close()
  })
})
