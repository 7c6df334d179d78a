/**
 * F3 / G8 / G9: the service worker is stopped (CDP `Target.closeTarget`, as Chrome's idle kill or a
 * crash would) mid-answer at random points. On the next wake (the open popup reconnecting, or the
 * popup opened again) the job is completed from `GET /backend-api/conversation/{id}`, never by
 * sending again: the stand-in accepts each user message exactly once, and the popup says what
 * happened. A worker stopped while the POST was still waiting for headers never re-sends either.
 * Fast: 5 kill points; soak (SOAK=1): 20.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { faults } from '../../test/chatgpt-stand-in/index'
import { PopupPage } from '../harness/popup-page'
import {
  conversationReads,
  iterations,
  killWorker,
  numberedAnswer,
  pollUntil,
  seeded,
  sendsOf,
  sleep,
  workerDiagnostics,
  tallyCopies,
  freshStart,
  useLedgeredSuite,
} from './support/kit'

const POINTS = iterations(5, 20)
const SEED = 3_000_000_003

const suite = useLedgeredSuite('worker kill')
beforeEach(() => freshStart(suite.standIn, suite.ext, suite.ledger))

const recoveryNote = (popup: PopupPage) => popup.page.locator('[data-testid=job-recovery-note]')

describe('service worker stopped mid-answer', () => {
  it(`recovers from the server's copy at ${POINTS} random points, never re-sending`, async () => {
    const random = seeded(SEED)
    const totals = { points: 0, killedMidStream: 0, compared: 0, lost: 0, duplicated: 0, reads: 0, recoveryMs: [] as number[] }
    for (let i = 0; i < POINTS; i += 1) {
      const text = numberedAnswer(50, `answer ${i}`)
      suite.standIn.queueAnswer({ text, delayMs: 15 })
      const threadKey = `kill-${i}`
      let popup = await PopupPage.open(suite.ext, threadKey)
      await popup.ask(`question ${i}`)
      await suite.standIn.waitFor((e) => e.method === 'POST' && /\/f\/conversation$/.test(e.path), 20_000)
      const share = 0.05 + random() * 0.8
      await pollUntil(() => popup.answers().nth(0).innerText().catch(() => ''), (shown) => shown.length >= share * text.length, 20_000, 15)
      // Half the time the popup is closed first: then opening it is what wakes the next worker.
      const reopen = i % 2 === 1
      if (reopen) await popup.close()
      const readsBefore = conversationReads(suite.standIn).length
      const send = sendsOf(suite.standIn).at(-1)!
      expect(await killWorker(suite.ext)).toBe(1)
      const killed = Date.now()
      if (!send.finished) totals.killedMidStream += 1
      // The dead worker's fetch died with it: the stand-in saw the connection close.
      await suite.standIn.waitFor((e) => e.id === send.id && (e.closedByClient || e.finished), 10_000)

      if (reopen) popup = await PopupPage.open(suite.ext, threadKey)
      await popup.waitForAnswer(0, 'complete', 30_000)
      totals.recoveryMs.push(Date.now() - killed)
      const stored = (await popup.storedJobs())[0]!
      const { storedDiff, shownDiff } = tallyCopies(totals, text, stored.text, await popup.answerText(0))
      expect({ i, share: share.toFixed(2), ...storedDiff }).toEqual({ i, share: share.toFixed(2), lost: 0, duplicated: 0 })
      expect(shownDiff).toEqual({ lost: 0, duplicated: 0 })
      // Recovered by reading, not by sending: one POST, at least one GET of the conversation.
      expect(sendsOf(suite.standIn)).toHaveLength(1)
      const reads = conversationReads(suite.standIn).length - readsBefore
      totals.reads += reads
      expect(reads).toBeGreaterThan(0)
      if (!send.finished) {
        expect(stored.recovery).toBe('worker-restart')
        await expect.poll(() => recoveryNote(popup).innerText()).toMatch(/Recovered after the extension restarted/)
      }
      expect(suite.standIn.conversations().flatMap((c) => c.userMessageIds)).toHaveLength(1)
      await popup.close()
      suite.ledger.collect(suite.standIn)
      suite.standIn.reset()
    }
    const sorted = [...totals.recoveryMs].sort((a, b) => a - b)
    console.log(
      `[worker kill] seed=${SEED} kill points=${totals.points} (mid-stream: ${totals.killedMidStream}) characters compared=${totals.compared} ` +
        `lost=${totals.lost} duplicated=${totals.duplicated} conversation reads=${totals.reads} re-sends=0 ` +
        `kill→complete ms: median=${sorted[Math.floor(sorted.length / 2)]} max=${sorted.at(-1)}`,
    )
    expect(totals.lost + totals.duplicated).toBe(0)
    expect(totals.killedMidStream).toBeGreaterThan(0)
    // After recovering, nothing holds the worker awake.
    expect(await workerDiagnostics(suite.ext)).toMatchObject({ keepAliveHolders: 0, heartbeating: false, activeJobs: 0 })
  })

  it('a worker stopped while the POST waits for headers: read back, never re-sent', async () => {
    suite.standIn.queueAnswer({ text: 'The first answer.' })
    const popup = await PopupPage.open(suite.ext, 'kill-posting')
    await popup.ask('first question')
    await popup.waitForAnswer(0)
    suite.standIn.queueAnswer({ text: 'The second answer, which the server wrote after all.' })
    suite.standIn.injectFault(faults.headerDelay(4_000))
    await popup.ask('second question')
    const send = await suite.standIn.waitFor((e) => e.method === 'POST' && /\/f\/conversation$/.test(e.path) && e.faults.includes('headerDelay'), 10_000)
    expect(await killWorker(suite.ext)).toBe(1)
    // The POST had left: whether the server took it decides the outcome, never a second POST.
    await popup.page.locator('[data-testid=answer][data-status=complete], [data-testid=answer][data-status=interrupted]').nth(1).waitFor({ state: 'attached', timeout: 30_000 })
    const second = (await popup.storedJobs())[1]!
    const accepted = suite.standIn.conversations().flatMap((c) => c.userMessageIds)
    console.log(`[kill while POST awaits headers] server took it=${accepted.length === 2} job=${second.status} recovery=${second.recovery ?? 'none (the stopping worker read its own answer)'} sends=${sendsOf(suite.standIn).length}`)
    expect(sendsOf(suite.standIn)).toHaveLength(2)
    if (accepted.length === 2) expect(second).toMatchObject({ status: 'complete', text: 'The second answer, which the server wrote after all.' })
    else expect(second).toMatchObject({ status: 'interrupted', text: '', recovery: 'worker-restart' })
    expect(suite.standIn.log.find((e) => e.id === send.id)!.status).not.toBe(429)
    expect(new Set(accepted).size).toBe(accepted.length)
    await popup.close()
  })

  it('a worker stopped before the POST left: the earlier answer is not taken for it, Check result says so, Retry is the user\'s', async () => {
    suite.standIn.queueAnswer({ text: 'The first answer.' })
    const popup = await PopupPage.open(suite.ext, 'kill-requesting')
    await popup.ask('first question')
    await popup.waitForAnswer(0)
    // Hold the sentinel step, so the worker dies before the conversation POST is dispatched.
    suite.standIn.injectFault({ match: { path: /\/sentinel\/chat-requirements\/prepare$/, method: 'POST' }, kind: 'headerDelay', ms: 3_000 })
    await popup.ask('second question')
    await suite.standIn.waitFor((e) => e.faults.includes('headerDelay'), 10_000)
    expect(await killWorker(suite.ext)).toBe(1)
    await popup.page
      .locator('.job')
      .nth(1)
      .locator('[data-testid=answer][data-status=interrupted], [data-testid=answer][data-status=complete]')
      .waitFor({ state: 'attached', timeout: 30_000 })
    await sleep(3_500) // past the delay: a worker that lived on would have sent by now
    const second = (await popup.storedJobs())[1]!
    const ids = () => suite.standIn.conversations().flatMap((c) => c.userMessageIds)
    console.log(`[kill before the POST] job=${second.status} recovery=${second.recovery ?? 'none'} sends=${sendsOf(suite.standIn).length} (1 = only the first question)`)
    if (second.status === 'complete') {
      // Chrome let the stopping worker finish the request it was waiting on, and it went on with
      // its job: one POST for the question, nothing sent twice. Either that worker read the answer
      // itself, or it died after the POST left and the next one read it back from the server.
      expect(sendsOf(suite.standIn)).toHaveLength(2)
      expect([undefined, 'worker-restart']).toContain(second.recovery)
      expect(second.text).not.toBe('')
      expect(second.messageId).not.toBe((await popup.storedJobs())[0]!.messageId)
      expect(new Set(ids()).size).toBe(2)
      await popup.close()
      return
    }
    expect(sendsOf(suite.standIn)).toHaveLength(1)
    // The server's latest answer is still the first one: it is not this question's.
    expect(second).toMatchObject({ status: 'interrupted', recovery: 'worker-restart', text: '' })
    const note = popup.page.locator('.job').nth(1).getByTestId('job-recovery-note')
    await expect.poll(() => note.innerText()).toMatch(/extension restarted before this answer was complete/)
    await note.getByTestId('check-result').click()
    await expect.poll(() => note.innerText(), { timeout: 15_000 }).toMatch(/Checked at .*no finished answer/)
    expect(sendsOf(suite.standIn)).toHaveLength(1)
    // Sending again is the user's choice.
    await popup.page.locator('.job').nth(1).getByTestId('error-action').click()
    await popup.waitForAnswer(1, 'complete', 30_000)
    expect(sendsOf(suite.standIn)).toHaveLength(2)
    expect(new Set(ids()).size).toBe(ids().length)
    expect(suite.standIn.violations()).toEqual([])
    await popup.close()
  })
})
