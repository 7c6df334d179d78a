/**
 * F1 / G8: the popup is closed mid-answer at random points and reopened after a random pause. The
 * worker owns the stream, so the reopened popup shows the byte-identical answer: 0 characters
 * lost, 0 duplicated, one send per question. Fast: 6 points; soak (SOAK=1): 20.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { PopupPage } from '../harness/popup-page'
import { iterations, numberedAnswer, pollUntil, seeded, sendsOf, sleep, SOAK, tallyCopies, useLedgeredSuite } from './support/kit'

const POINTS = iterations(6, 20)
const MAX_REOPEN_PAUSE_MS = SOAK ? 5_000 : 1_000
const SEED = 20261126

const suite = useLedgeredSuite('popup close')
beforeEach(() => {
  suite.ledger.collect(suite.standIn)
  suite.standIn.reset()
})

describe('popup closed mid-stream', () => {
  it(`reopens to the byte-identical answer at ${POINTS} random close points`, async () => {
    const random = seeded(SEED)
    const totals = { points: 0, compared: 0, lost: 0, duplicated: 0, reattachedMidStream: 0, reattachMs: [] as number[] }
    for (let i = 0; i < POINTS; i += 1) {
      const text = numberedAnswer(40, `answer ${i}`)
      suite.standIn.queueAnswer({ text, delayMs: 12 })
      const threadKey = `close-${i}`
      const first = await PopupPage.open(suite.ext, threadKey)
      await first.ask(`question ${i}`)
      // Close once the popup shows a random share of the answer (5%–90%).
      const share = 0.05 + random() * 0.85
      await pollUntil(
        () => first.answers().nth(0).innerText().catch(() => ''),
        (shown) => shown.length >= share * text.length,
        20_000,
        15,
      )
      await first.close()
      await sleep(random() * MAX_REOPEN_PAUSE_MS)

      const opened = Date.now()
      const again = await PopupPage.open(suite.ext, threadKey)
      await again.page.locator('[data-testid=answer] .md').first().waitFor({ state: 'attached' })
      totals.reattachMs.push(Date.now() - opened)
      if ((await again.answers().nth(0).getAttribute('data-status')) === 'streaming') totals.reattachedMidStream += 1
      await again.waitForAnswer(0)

      const stored = (await again.storedJobs())[0]!
      const { storedDiff, shownDiff } = tallyCopies(totals, text, stored.text, await again.answerText(0))
      expect({ i, share: share.toFixed(2), ...storedDiff }).toEqual({ i, share: share.toFixed(2), lost: 0, duplicated: 0 })
      expect(shownDiff).toEqual({ lost: 0, duplicated: 0 })
      expect(stored.recovery).toBeUndefined()
      expect(sendsOf(suite.standIn)).toHaveLength(i + 1)
      await again.close()
    }
    const sorted = [...totals.reattachMs].sort((a, b) => a - b)
    console.log(
      `[popup close] seed=${SEED} close points=${totals.points} characters compared=${totals.compared} (stored and rendered copies) ` +
        `lost=${totals.lost} duplicated=${totals.duplicated} reopened mid-stream=${totals.reattachedMidStream} ` +
        `reattach ms: median=${sorted[Math.floor(sorted.length / 2)]} max=${sorted.at(-1)}`,
    )
    expect(totals.lost + totals.duplicated).toBe(0)
    expect(suite.standIn.violations()).toEqual([])
  })
})
