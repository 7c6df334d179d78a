/**
 * Isolation of the selection overlay (issue 5; threats-and-faults T2, T6, T10, T11, T12): a hostile
 * page can neither read the answer nor make anything be sent, and three tabs asking at once each
 * get their own answer in their own thread, with follow-ups carrying that tab's ids.
 */
import { describe, expect, it } from 'vitest'
import {
  clickMenu,
  grantActiveTab,
  hasOverlayHost,
  openTab,
  overlayFrame,
  selectText,
  SEND,
  sentPrompt,
  storedJobs,
  waitForAnswer,
  useSelectionSuite,
  type TestTab,
} from './pages/selection-harness'

const suite = useSelectionSuite()

const sends = () => suite.standIn.log.filter((e) => e.method === 'POST' && e.path === SEND)

interface HostileReport {
  scraped: string[]
  frameReads: string[]
  shadowCaptures: number
  iframesSeen: number
  framesSeen: number
  hostSeen: boolean
  forgedMessages: number
  runtime: string[]
}

type HostileWindow = Window & {
  __hostile: HostileReport
  __scrapeNow(): void
  __forgeNow(): void
  __storm(times: number): void
  __clickOverlay(): string
}

describe('a hostile page', () => {
  it('can neither read the answer nor trigger a send, and cannot restyle or close the overlay', async () => {
    const canary = 'CANARY-5e1d-answer-only-in-the-iframe'
    suite.standIn.queueAnswer({ text: `${canary}: ` + 'the rest of the answer. '.repeat(30), delayMs: 10 })
    const tab = await openTab(suite.ext, suite.pages.url('hostile.html'))
    await grantActiveTab(suite.ext, tab)
    const selection = await selectText(tab.page, '#para')
    await clickMenu(suite.ext, tab, 'ask-selection', selection)
    const frame = await overlayFrame(tab.page)
    await waitForAnswer(frame, 0)
    expect(await frame.locator('[data-testid=answer]').innerText()).toContain(canary)

    // The page watched every mutation; now it scrapes once more, forges messages and clicks.
    const clicked = await tab.page.evaluate(() => {
      const w = window as unknown as HostileWindow
      w.__scrapeNow()
      w.__forgeNow()
      return w.__clickOverlay()
    })
    await tab.page.waitForTimeout(500)
    const report = await tab.page.evaluate(() => (window as unknown as HostileWindow).__hostile)

    // Nothing it could reach holds the answer: not the DOM, not a shadow root, not a frame.
    expect(report.hostSeen).toBe(true)
    expect(report.scraped.length).toBeGreaterThan(0)
    expect(report.scraped.join('\n')).not.toContain(canary)
    expect(await tab.page.content()).not.toContain(canary)
    expect(report.shadowCaptures).toBe(0) // the content script's attachShadow is not the page's
    // The iframe is inside the closed root: not in the DOM the page can query, not even in
    // window.frames (shadow-tree frames are not listed there), so there is nothing to post to.
    expect(report.iframesSeen).toBe(0)
    expect(report.framesSeen).toBe(0)
    expect(report.frameReads).toEqual([])
    expect(report.runtime).toEqual([]) // no extension messaging is exposed to the page
    expect(clicked).toBe('ask-anywhere-overlay') // a click lands on the host, never inside

    // Exactly the one question the menu asked was sent; the forged intents went nowhere.
    expect(report.forgedMessages).toBeGreaterThan(0)
    expect(sends()).toHaveLength(1)
    expect(JSON.stringify(suite.standIn.log.map((e) => e.body))).not.toContain('FORGED')
    expect(await frame.locator('[data-testid=answer]').count()).toBe(1)

    // Its CSS and attribute tampering did not hide the overlay; its forged close and Escape did not close it.
    const host = await tab.page.evaluate(() => {
      const element = document.querySelector('ask-anywhere-overlay')!
      const style = getComputedStyle(element)
      return { display: style.display, opacity: style.opacity, visibility: style.visibility, transform: style.transform, hidden: element.hasAttribute('hidden'), width: element.getBoundingClientRect().width }
    })
    expect(host).toEqual({ display: 'block', opacity: '1', visibility: 'visible', transform: 'none', hidden: false, width: 420 })

    // The overlay page is reachable only at its per-session address (use_dynamic_url), not the static one.
    const fetched = await tab.page.evaluate(async (url) => fetch(url).then(() => 'loaded', () => 'blocked'), suite.ext.url('src/overlay/index.html'))
    expect(fetched).toBe('blocked')

    // A storm of foreign mutations makes the overlay close itself.
    await tab.page.evaluate(() => (window as unknown as HostileWindow).__storm(12))
    await expect.poll(() => hasOverlayHost(tab.page)).toBe(false)
    expect(sends()).toHaveLength(1)
    await tab.page.close()
  })
})

describe('three tabs', () => {
  it('asking at once each get their own answer, and a follow-up carries its own tab ids', async () => {
    const words = ['alpha apples', 'bravo bananas', 'charlie cherries']
    const tabs: TestTab[] = []
    for (const word of words) {
      const tab = await openTab(suite.ext, suite.pages.url(`article.html?text=${encodeURIComponent(word)}`))
      await grantActiveTab(suite.ext, tab)
      await selectText(tab.page, '#para')
      tabs.push(tab)
    }
    // The stand-in's default answer repeats the prompt, so each answer names its own selection.
    await Promise.all(tabs.map((tab, i) => clickMenu(suite.ext, tab, 'ask-selection:summarize', words[i]!)))
    for (const [i, tab] of tabs.entries()) {
      const frame = await overlayFrame(tab.page)
      await waitForAnswer(frame, 0)
      const answer = await frame.locator('[data-testid=answer]').innerText()
      expect(answer).toContain(words[i])
      for (const other of words.filter((_, j) => j !== i)) expect(answer).not.toContain(other)
      expect(await frame.locator('[data-testid=answer]').count()).toBe(1)
    }
    const jobs = await Promise.all(tabs.map((tab) => storedJobs(suite.ext, tab.tabId)))
    expect(new Set(jobs.map((list) => list[0]!.conversationId)).size).toBe(3)

    // Follow up in the middle tab, typed into its own overlay.
    const middle = await overlayFrame(tabs[1]!.page)
    await middle.locator('[data-testid=composer]').fill('And in one word?')
    await middle.locator('[data-testid=composer]').press('Enter')
    await waitForAnswer(middle, 1)
    const followUp = sends().find((send) => sentPrompt(send.body) === 'And in one word?')!
    const body = followUp.body as Record<string, unknown>
    expect(body.conversation_id).toBe(jobs[1]![0]!.conversationId)
    expect(body.parent_message_id).toBe(jobs[1]![0]!.messageId)
    for (const i of [0, 2]) expect(await (await overlayFrame(tabs[i]!.page)).locator('[data-testid=answer]').count()).toBe(1)
    expect(sends()).toHaveLength(4)
    expect(suite.standIn.violations()).toEqual([])
    for (const tab of tabs) await tab.page.close()
  })
})
