/**
 * DOM-based extension clickjacking against the selection overlay (threats-and-faults T11, goal
 * G16: ≥8 techniques → 0 actions). For each technique in e2e/pages/clickjack.html the page hides
 * or covers the overlay from above or through <html>, and a real mouse click (Chromium input,
 * not a dispatched event) lands where the overlay's Regenerate and "Open in tab" buttons are:
 * nothing is sent and no tab opens. Then the page undoes it, and the same click on Regenerate
 * sends exactly one request: the gate (src/overlay/visibility-gate.ts) is not a blanket block.
 */
import type { Frame, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { clickMenu, grantActiveTab, openTab, overlayFrame, selectText, SEND, storedJobs, useSelectionSuite, waitForAnswer, type TestTab } from '../pages/selection-harness'

/**
 * The techniques in clickjack.html, and what stops the click: the overlay's own gate (it then says
 * why), the content script (a mask on <html>, which the gate cannot see: the iframe takes no
 * pointer input while it lasts; headless Chromium 156 also routes no click into a masked
 * out-of-process frame, but that is compositor behaviour, not a promise), or the browser (a modal
 * dialog makes the rest of the page inert).
 */
const TECHNIQUES: { name: string; stoppedBy: 'gate' | 'content script' | 'browser' }[] = [
  { name: 'html opacity 0', stoppedBy: 'gate' },
  { name: 'html opacity 0.5', stoppedBy: 'gate' },
  { name: 'html filter opacity(0)', stoppedBy: 'gate' },
  { name: 'html filter blur', stoppedBy: 'gate' },
  { name: 'html transform scale', stoppedBy: 'gate' },
  { name: 'html mask', stoppedBy: 'content script' },
  { name: 'fixed decoy, max z-index, later in DOM', stoppedBy: 'gate' },
  { name: 'see-through decoy (opacity 0.01)', stoppedBy: 'gate' },
  { name: 'relabel decoy over the button', stoppedBy: 'gate' },
  { name: 'blend-mode decoy', stoppedBy: 'gate' },
  { name: 'top-layer popover', stoppedBy: 'gate' },
  { name: 'top-layer modal dialog', stoppedBy: 'browser' },
]

// One overlay for the whole file: each test regenerates in the same conversation, so no reset.
const suite = useSelectionSuite({ resetEachTest: false })
let tab: TestTab
let frame: Frame

type ClickjackWindow = Window & { __clickjack: { names: string[]; apply(name: string, rect: object): void; clear(): void } }

const sends = () => suite.standIn.log.filter((e) => e.method === 'POST' && e.path === SEND).length
const covered = () => frame.locator('[data-testid=overlay-covered]')

/** Where `testId` is drawn in the page, as Chromium lays it out now (after any transform). */
async function boxOf(testId: string) {
  const box = await frame.locator(`[data-testid=${testId}]`).last().boundingBox()
  if (!box) throw new Error(`no box for ${testId}`)
  return box
}

async function clickAt(page: Page, testId: string) {
  const box = await boxOf(testId)
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
}

/** The gate's state, which the overlay shows on its root: 'on' once verified visible for the hold time. */
const gateState = () => frame.locator('.overlay').getAttribute('data-clicks')

/** Whether the content script lets pointer input into the iframe (read through the frame's element, inside the closed root). */
const framePointerEvents = async () => (await frame.frameElement()).evaluate((element) => getComputedStyle(element as Element).pointerEvents)

beforeAll(async () => {
  tab = await openTab(suite.ext, suite.pages.url('clickjack.html'))
  await grantActiveTab(suite.ext, tab)
  await clickMenu(suite.ext, tab, 'ask-selection', await selectText(tab.page, '#para'))
  frame = await overlayFrame(tab.page)
  await waitForAnswer(frame, 0)
})

describe('a page hiding or covering the overlay', () => {
  it('has every technique this suite names, and at least 8', async () => {
    const names = await tab.page.evaluate(() => (window as unknown as ClickjackWindow).__clickjack.names)
    expect(names).toEqual(TECHNIQUES.map((t) => t.name))
    expect(names.length).toBeGreaterThanOrEqual(8)
  })

  for (const { name, stoppedBy } of TECHNIQUES) {
    it(`${name}: a real click on hidden Regenerate and Open in tab does nothing; undone, Regenerate works`, async () => {
      await expect.poll(gateState, { timeout: 5_000 }).toBe('on')
      const sentBefore = sends()
      const jobsBefore = (await storedJobs(suite.ext, tab.tabId)).length
      const tabsBefore = suite.ext.context.pages().length
      const target = await boxOf('regenerate')
      await tab.page.evaluate(({ name, rect }) => (window as unknown as ClickjackWindow).__clickjack.apply(name, rect), { name, rect: target })
      try {
        // The gate hears from IntersectionObserver v2 within its 100 ms delay, the content script
        // looks at <html>'s mask every 100 ms; the user's click comes after.
        if (stoppedBy === 'content script') await expect.poll(framePointerEvents, { timeout: 5_000 }).toBe('none')
        else await expect.poll(gateState, { timeout: 5_000 }).toBe('off')
        await clickAt(tab.page, 'regenerate')
        await clickAt(tab.page, 'open-in-tab')
        // Give a click that got through time to show up (a send is under 100 ms away on loopback).
        await tab.page.waitForTimeout(300)
        expect(sends()).toBe(sentBefore)
        expect(await storedJobs(suite.ext, tab.tabId)).toHaveLength(jobsBefore)
        expect(suite.ext.context.pages()).toHaveLength(tabsBefore)
        if (stoppedBy === 'gate') {
          await expect.poll(() => covered().count(), { timeout: 5_000 }).toBe(1)
          expect(await covered().innerText()).toContain('covering this box')
        }
      } finally {
        await tab.page.evaluate(() => (window as unknown as ClickjackWindow).__clickjack.clear())
      }
      // Undone: once the overlay has been visible for the hold time, the same click works.
      await expect.poll(gateState, { timeout: 5_000 }).toBe('on')
      await expect.poll(framePointerEvents, { timeout: 5_000 }).toBe('auto')
      await clickAt(tab.page, 'regenerate')
      await expect.poll(sends, { timeout: 5_000 }).toBe(sentBefore + 1)
      await waitForAnswer(frame, 0)
      await expect.poll(() => frame.locator('[data-testid=regenerate]').count(), { timeout: 10_000 }).toBe(1)
      expect(suite.ext.context.pages()).toHaveLength(tabsBefore)
    })
  }

  it('a visible overlay: the same real click on Open in tab opens the tab (the no-tab check can fail)', async () => {
    await expect.poll(gateState, { timeout: 5_000 }).toBe('on')
    const opened = suite.ext.context.waitForEvent('page', { timeout: 5_000 })
    await clickAt(tab.page, 'open-in-tab')
    const page = await opened
    expect(page.url()).toContain('/src/chat/index.html#tab:')
    await page.close()
    expect(suite.standIn.violations()).toEqual([])
  })

  it('moving the overlay under a parent the page controls closes it', async () => {
    const sentBefore = sends()
    await tab.page.evaluate(() => (window as unknown as { __reparentOverlay(): void }).__reparentOverlay())
    await expect.poll(() => tab.page.evaluate(() => document.querySelector('ask-anywhere-overlay') !== null), { timeout: 5_000 }).toBe(false)
    expect(sends()).toBe(sentBefore)
  })
})
