/**
 * "Ask about selection" in a real Chromium against the stand-in (issue 5): the menu click opens
 * the in-page overlay and streams the answer to a prompt quoting the selection; each template
 * sends its own prompt; the overlay moves, resizes and closes without taking the page's focus;
 * closing or navigating the tab stops the answer; without activeTab nothing is injected.
 */
import { describe, expect, it } from 'vitest'
import { buildSelectionPrompt } from '../src/background/selection/build-prompt'
import { defaultTemplates } from '../src/background/selection/templates'
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

/** {{language}} as the worker names it (Chromium's ICU, not Node's). */
const browserLanguage = () => suite.ext.worker.evaluate(() => new Intl.DisplayNames(['en'], { type: 'language' }).of(chrome.i18n.getUILanguage()) ?? '')
const sends = () => suite.standIn.log.filter((e) => e.method === 'POST' && e.path === SEND)

/** A tab on the article page with activeTab granted and `selector`'s text selected. */
async function preparedTab(query = '', selector = '#para'): Promise<TestTab & { selection: string }> {
  const tab = await openTab(suite.ext, suite.pages.url(`article.html${query}`))
  await grantActiveTab(suite.ext, tab)
  const selection = await selectText(tab.page, selector)
  return { ...tab, selection }
}

describe('ask about selection', () => {
  it('opens the overlay near the selection and streams the answer to a prompt quoting it', async () => {
    const tab = await preparedTab()
    const answer = 'The **mitochondria** makes ATP. ' + 'It is a streaming answer. '.repeat(20)
    suite.standIn.queueAnswer({ text: answer, delayMs: 20 })
    await clickMenu(suite.ext, tab, 'ask-selection', tab.selection)

    const frame = await overlayFrame(tab.page)
    await waitForAnswer(frame, 0, 'streaming')
    await waitForAnswer(frame, 0)
    expect(await frame.locator('[data-testid=answer] strong').first().innerText()).toBe('mitochondria')
    const [job] = await storedJobs(suite.ext, tab.tabId)
    expect(job!.text).toBe(answer)

    // The prompt is the first visible template (Explain) with the selection quoted as data.
    const body = sends()[0]!.body as Record<string, unknown>
    const explain = defaultTemplates(() => '')[0]!
    expect(sentPrompt(body)).toBe(
      buildSelectionPrompt(explain.text, { selection: tab.selection, url: tab.page.url(), title: 'A test article', language: await browserLanguage() }),
    )
    expect(sentPrompt(body)).toContain('```text\nThe mitochondria is the powerhouse of the cell.\n```')
    // Selections are temporary chats by default: no ChatGPT history.
    expect(body.history_and_training_disabled).toBe(true)

    // Placed just below the selected paragraph.
    const geometry = await tab.page.evaluate(() => {
      const host = document.querySelector('ask-anywhere-overlay')!.getBoundingClientRect()
      const para = document.getElementById('para')!.getBoundingClientRect()
      return { hostTop: host.top, paraBottom: para.bottom, hostLeft: host.left, paraLeft: para.left }
    })
    expect(geometry.hostTop).toBeGreaterThanOrEqual(geometry.paraBottom)
    expect(geometry.hostTop - geometry.paraBottom).toBeLessThan(40)
    expect(Math.abs(geometry.hostLeft - geometry.paraLeft)).toBeLessThan(40)
    expect(suite.standIn.violations()).toEqual([])
    await tab.page.close()
  })

  it("sends each template its own prompt, all in the tab's one thread", async () => {
    const tab = await preparedTab('?text=' + encodeURIComponent('Ceci n’est pas une pipe. `code` and ``` fences'))
    const templates = defaultTemplates(() => '')
    const frame = async () => overlayFrame(tab.page)
    for (const [i, template] of templates.entries()) {
      await clickMenu(suite.ext, tab, `ask-selection:${template.id}`, tab.selection)
      await waitForAnswer(await frame(), i)
      const expected = buildSelectionPrompt(template.text, { selection: tab.selection, url: tab.page.url(), title: 'A test article', language: await browserLanguage() })
      expect(sentPrompt(sends()[i]!.body)).toBe(expected)
    }
    const prompts = sends().map((send) => sentPrompt(send.body))
    expect(new Set(prompts).size).toBe(templates.length)
    // The selection's own ``` run can't close the block: the fence is longer.
    expect(prompts[0]).toContain('````text\nCeci n’est pas une pipe. `code` and ``` fences\n````')
    // One thread: every later question follows the previous answer.
    const jobs = await storedJobs(suite.ext, tab.tabId)
    for (let i = 1; i < jobs.length; i += 1) {
      const body = sends()[i]!.body as Record<string, unknown>
      expect(body.conversation_id).toBe(jobs[0]!.conversationId)
      expect(body.parent_message_id).toBe(jobs[i - 1]!.messageId)
    }
    expect(await (await frame()).locator('[data-testid=answer]').count()).toBe(templates.length)
    expect(suite.standIn.violations()).toEqual([])
    await tab.page.close()
  })

  it('keeps the page focused, moves and resizes, and closes with Esc or ×', async () => {
    const tab = await preparedTab()
    await tab.page.focus('#search')
    await tab.page.keyboard.type('abc')
    await selectText(tab.page, '#para')
    await clickMenu(suite.ext, tab, 'ask-selection', tab.selection)
    const frame = await overlayFrame(tab.page)
    await waitForAnswer(frame, 0)
    // Opening it took neither the focus nor the selection from the page.
    expect(await tab.page.evaluate(() => document.activeElement?.id)).toBe('search')
    expect(await tab.page.evaluate(() => getSelection()?.toString())).toBe(tab.selection)

    const box = () => tab.page.evaluate(() => document.querySelector('ask-anywhere-overlay')!.getBoundingClientRect().toJSON() as DOMRect)
    const before = await box()
    // Drag by the bar (its left part: the caption), then resize by the bottom-right grip.
    await tab.page.mouse.move(before.left + 40, before.top + 14)
    await tab.page.mouse.down()
    await tab.page.mouse.move(before.left + 40 + 100, before.top + 14 + 60, { steps: 5 })
    await tab.page.mouse.up()
    const moved = await box()
    expect(moved.left).toBeCloseTo(before.left + 100, 0)
    expect(moved.top).toBeCloseTo(before.top + 60, 0)
    await tab.page.mouse.move(moved.right - 4, moved.bottom - 4)
    await tab.page.mouse.down()
    await tab.page.mouse.move(moved.right - 4 - 80, moved.bottom - 4 - 50, { steps: 5 })
    await tab.page.mouse.up()
    const resized = await box()
    expect(resized.width).toBeCloseTo(moved.width - 80, 0)
    expect(resized.height).toBeCloseTo(moved.height - 50, 0)

    // Esc inside the overlay closes it, and the page's layout never changed.
    await frame.locator('[data-testid=composer]').click()
    // Key down, then up once the overlay is gone: Escape closes it on keydown, and a CDP key-up
    // sent while its iframe is being removed waits for an acknowledgement that never comes (seen
    // under load as a 120 s hang in press()). A person's key-up just lands on the page.
    await tab.page.keyboard.down('Escape')
    await expect.poll(() => hasOverlayHost(tab.page)).toBe(false)
    await tab.page.keyboard.up('Escape')

    // Asking again reopens it with the thread; the × closes it.
    await selectText(tab.page, '#para')
    await clickMenu(suite.ext, tab, 'ask-selection', tab.selection)
    const again = await overlayFrame(tab.page)
    await waitForAnswer(again, 1)
    const reopened = await box()
    await tab.page.mouse.click(reopened.right - 18, reopened.top + 14)
    await expect.poll(() => hasOverlayHost(tab.page)).toBe(false)
    expect(await tab.page.evaluate(() => document.activeElement?.id)).toBe('search')
    await tab.page.close()
  })

  it('stops the answer within a second when the tab closes', async () => {
    const tab = await preparedTab()
    suite.standIn.queueAnswer({ text: 'a slow answer '.repeat(400), delayMs: 40 })
    await clickMenu(suite.ext, tab, 'ask-selection', tab.selection)
    await waitForAnswer(await overlayFrame(tab.page), 0, 'streaming')
    const closed = Date.now()
    await tab.page.close()
    const send = await suite.standIn.waitFor((e) => e.path === SEND && e.closedByClient, 5_000)
    expect(Date.now() - closed).toBeLessThan(1_000)
    expect(send.finished).toBe(false)
    await expect.poll(async () => (await storedJobs(suite.ext, tab.tabId))[0]?.status).toBe('stopped')
  })

  it('stops the answer when the tab navigates away, not on an in-page link', async () => {
    const tab = await preparedTab()
    suite.standIn.queueAnswer({ text: 'a slow answer '.repeat(400), delayMs: 40 })
    await clickMenu(suite.ext, tab, 'ask-selection', tab.selection)
    const frame = await overlayFrame(tab.page)
    await waitForAnswer(frame, 0, 'streaming')
    // Same-document navigation keeps the overlay, so the answer goes on.
    await tab.page.click('#hash-link')
    await tab.page.waitForTimeout(300)
    expect(await hasOverlayHost(tab.page)).toBe(true)
    expect(sends()[0]!.closedByClient).toBe(false)

    const left = Date.now()
    await tab.page.goto(suite.pages.url('article.html?text=another'))
    await suite.standIn.waitFor((e) => e.path === SEND && e.closedByClient, 5_000)
    expect(Date.now() - left).toBeLessThan(1_000)
    await expect.poll(async () => (await storedJobs(suite.ext, tab.tabId))[0]?.status).toBe('stopped')
    await tab.page.close()
  })

  it('injects nothing without the activeTab grant, and shows the answer on the chat page', async () => {
    const tab = await openTab(suite.ext, suite.pages.url('article.html'))
    const selection = await selectText(tab.page, '#para')
    const chatPage = suite.ext.context.waitForEvent('page')
    await clickMenu(suite.ext, tab, 'ask-selection', selection)
    const opened = await chatPage
    expect(opened.url()).toBe(suite.ext.url(`src/chat/index.html#tab:${tab.tabId}`))
    await expect.poll(async () => (await storedJobs(suite.ext, tab.tabId))[0]?.status, { timeout: 15_000 }).toBe('complete')
    expect(sentPrompt(sends()[0]!.body)).toContain(selection)
    expect(await hasOverlayHost(tab.page)).toBe(false)
    expect(tab.page.frames()).toHaveLength(1)
    await opened.close()
    await tab.page.close()
  })
})
