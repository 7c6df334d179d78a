/**
 * F18: the browser closes mid-answer and starts again on the same profile. `storage.session` (the
 * journal) is gone by design; the thread in `storage.local`, checkpointed every 2 s, keeps the
 * partial answer. The new session flags it interrupted ("the browser closed…") with Check result,
 * which reads the finished answer from the server. Nothing is sent again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStandIn, type StandIn } from '../../test/chatgpt-stand-in/index'
import { launchExtension, type LaunchedExtension } from '../harness/launch'
import { PopupPage } from '../harness/popup-page'
import { charDiff, conversationReads, createExactlyOnceLedger, numberedAnswer, pollUntil, sendsOf, turnReaches } from './support/kit'

let standIn: StandIn
let ext: LaunchedExtension | undefined
const ledger = createExactlyOnceLedger()

beforeAll(async () => {
  standIn = await startStandIn({ era: '2026' })
})
afterAll(async () => {
  ledger.collect(standIn)
  expect(ledger.report('browser restart').duplicates).toBe(0)
  await ext?.close()
  await standIn?.close()
})

describe('browser restart mid-answer', () => {
  it('keeps the partial answer, flagged interrupted; Check result fetches the rest', async () => {
    const text = numberedAnswer(80, 'across a restart')
    standIn.queueAnswer({ text, delayMs: 25 })
    const first = await launchExtension({ standIn, loggedIn: true })
    ext = first
    const popup = await PopupPage.open(first, 'restart')
    await popup.ask('a long one')
    // Stream long enough for at least one checkpoint to the thread (every 2 s).
    await pollUntil(async () => (await popup.storedJobs())[0]?.text.length ?? 0, (n) => n > 0, 20_000, 100)
    await popup.page.waitForTimeout(2_500)
    const shownAtClose = (await popup.answers().nth(0).innerText()).length
    const profileDir = first.profileDir
    await first.close({ keepProfile: true })
    ext = undefined

    const again = await launchExtension({ standIn, loggedIn: true, profileDir })
    ext = again
    const reopened = await PopupPage.open(again, 'restart')
    await turnReaches(reopened, 0, 'interrupted', 20_000)
    const partial = (await reopened.storedJobs())[0]!
    const note = reopened.page.getByTestId('job-recovery-note')
    expect(await note.innerText()).toMatch(/browser closed before this answer was complete/)
    expect(partial).toMatchObject({ status: 'interrupted', recovery: 'browser-restart' })
    expect(text.startsWith(partial.text)).toBe(true)
    const readsBefore = conversationReads(standIn).length

    await note.getByTestId('check-result').click()
    await reopened.waitForAnswer(0, 'complete', 20_000)
    const done = (await reopened.storedJobs())[0]!
    const diff = charDiff(text, done.text)
    console.log(
      `[browser restart] partial kept=${partial.text.length}/${text.length} chars (popup showed ~${shownAtClose} at close, checkpoint loss ≤ 2 s of stream) ` +
        `Check result → ${done.status}, lost=${diff.lost} duplicated=${diff.duplicated} reads=${conversationReads(standIn).length - readsBefore} sends=${sendsOf(standIn).length}`,
    )
    expect(diff).toEqual({ lost: 0, duplicated: 0 })
    expect(done.recovery).toBe('browser-restart')
    expect(await note.innerText()).toMatch(/Recovered after the browser restarted/)
    expect(sendsOf(standIn)).toHaveLength(1)
    expect(conversationReads(standIn).length).toBeGreaterThan(readsBefore)
    await reopened.close()
  })
})
