/**
 * Issue 11 in Chromium against the stand-in: when chatgpt.com refuses the worker's own requests
 * (here: conversation POSTs whose Origin is not https://chatgpt.com get the real "Unusual
 * activity" 403), the question goes once more from a chatgpt.com tab and the answer arrives
 * byte-exact; without a tab the user is told the two ways forward; a human check in the tab ends
 * in "Continue on chatgpt.com".
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { faults, type RequestLogEntry } from '../test/chatgpt-stand-in/index'
import { launchExtension, type LaunchedExtension } from './harness/launch'
import { PopupPage } from './harness/popup-page'
import { clickMenu, grantActiveTab, openTab, overlayFrame, selectText, storedJobs, useSelectionSuite, waitForAnswer } from './pages/selection-harness'

const SEND = '/backend-api/f/conversation'
const CHATGPT = 'https://chatgpt.com'
// Multibyte text split inside UTF-8 sequences on the wire: every byte must survive the relay.
const TEXT = 'Relayed 答案 with emoji 🙂🚀, accents é ü, and **markdown**.\n\n- 一\n- 二'

const suite = useSelectionSuite()
beforeEach(() => {
  suite.standIn.setMode({ requireOrigin: CHATGPT, rawUtf8: true })
})

const sends = () => suite.standIn.log.filter((e) => e.method === 'POST' && e.path === SEND)
/** Requests made by the relay in a chatgpt.com tab (same-origin fetches), not by the worker. */
const fromTab = (e: RequestLogEntry) => e.headers['sec-fetch-site'] === 'same-origin'
const userIdOf = (e: RequestLogEntry) => ((e.body as { messages: Array<{ id: string }> }).messages[0]!.id)

async function openChatGptTab(): Promise<Page> {
  const page = await suite.ext.context.newPage()
  await page.goto(`${CHATGPT}/`)
  return page
}

async function closeChatGptTabs(): Promise<void> {
  for (const page of suite.ext.context.pages()) if (page.url().startsWith(CHATGPT)) await page.close()
}

/**
 * The stand-in flags Oai-Device-Id ≠ oai-did cookie. The relay sends the page's own id, so
 * relayed requests must be clean; the worker's direct requests cannot read that cookie (no
 * `cookies` permission) and may be flagged for it, which is all that may appear.
 */
function expectNoViolationsFromTheRelay(): void {
  const relayed = suite.standIn.log.filter(fromTab)
  expect(relayed.flatMap((e) => e.violations)).toEqual([])
  expect(suite.standIn.violations().filter((code) => code !== 'device-id-mismatch')).toEqual([])
}

describe('relay through a chatgpt.com tab', () => {
  it('a refused direct send goes once through the tab: byte-exact, follow-ups, the message counted once', async () => {
    const tab = await openChatGptTab()
    suite.standIn.queueAnswer({ text: TEXT, chunking: [3, 50, 51, 52, 200, 201, 202, 203, 700, 701] })
    const popup = await PopupPage.open(suite.ext, 'relay-1')
    await popup.ask('first question')
    await popup.waitForAnswer(0)
    const [first] = await popup.storedJobs()
    expect(first!.text).toBe(TEXT)
    expect(first!.transport).toEqual({ via: 'relay', reason: 'unusual-activity' })
    await popup.page.getByTestId('relay-note').first().waitFor()
    expect(await popup.page.getByTestId('relay-note').first().innerText()).toMatch(/chatgpt\.com tab.*unusual activity/i)

    // The direct POST was refused before it was taken; the same message went once through the tab.
    const [refused, relayed] = sends()
    expect(refused!.status).toBe(403)
    expect(refused!.headers.origin).toMatch(/^chrome-extension:\/\//)
    expect(relayed!.status).toBe(200)
    expect(relayed!.headers.origin).toBe(CHATGPT)
    expect(fromTab(relayed!)).toBe(true)
    expect(userIdOf(relayed!)).toBe(userIdOf(refused!))
    expect(suite.standIn.conversations().flatMap((c) => c.userMessageIds)).toEqual([userIdOf(relayed!)])

    // Follow-ups go straight through the tab (the refusal is remembered): one POST each.
    suite.standIn.queueAnswer({ text: 'second answer' })
    await popup.ask('a follow-up')
    await popup.waitForAnswer(1)
    expect(sends()).toHaveLength(3)
    const followUp = sends()[2]!
    expect(followUp.headers.origin).toBe(CHATGPT)
    expect((followUp.body as Record<string, unknown>).conversation_id).toBe(first!.conversationId)
    expect((followUp.body as Record<string, unknown>).parent_message_id).toBe(first!.messageId)
    expect((await popup.storedJobs())[1]!.text).toBe('second answer')
    expect(suite.standIn.conversations()).toHaveLength(1)
    expect(suite.standIn.conversations()[0]!.userMessageIds).toHaveLength(2)
    // No credential went to the tab: the relayed requests carry the page's own bearer.
    expect(relayed!.headers.authorization).toMatch(/^Bearer /)
    expectNoViolationsFromTheRelay()
    await popup.close()
    await tab.close()
  })

  it('the omnibox chat page and the selection overlay get their answers through the tab too', async () => {
    const tab = await openChatGptTab()
    // Omnibox: Enter opens the chat page, which streams the answer.
    suite.standIn.queueAnswer({ text: TEXT })
    const worker = await suite.ext.currentWorker()
    const [chat] = await Promise.all([
      suite.ext.context.waitForEvent('page'),
      worker.evaluate((text) => (chrome.omnibox.onInputEntered as unknown as { dispatch(...args: unknown[]): void }).dispatch(text, 'newForegroundTab'), 'from the address bar'),
    ])
    await chat.locator('[data-testid=answer][data-status=complete]').first().waitFor({ timeout: 30_000, state: 'attached' })
    const chatJobs = await chat.evaluate(async () => {
      const key = `thread:${decodeURIComponent(location.hash.slice(1))}`
      return ((await chrome.storage.local.get(key))[key] as { jobs: Array<{ text: string }> }).jobs
    })
    expect(chatJobs.map((j) => j.text)).toEqual([TEXT])
    await chat.getByTestId('relay-note').first().waitFor()
    expect(fromTab(sends().at(-1)!)).toBe(true)
    await chat.close()

    // Overlay: "Ask about selection" on an ordinary page.
    const page = await openTab(suite.ext, suite.pages.url('article.html'))
    await grantActiveTab(suite.ext, page)
    const selection = await selectText(page.page, '#para')
    suite.standIn.queueAnswer({ text: TEXT })
    await clickMenu(suite.ext, page, 'ask-selection', selection)
    const frame = await overlayFrame(page.page)
    await waitForAnswer(frame, 0)
    expect((await storedJobs(suite.ext, page.tabId)).map((j) => j.text)).toEqual([TEXT])
    await frame.getByTestId('relay-note').first().waitFor()
    expect(fromTab(sends().at(-1)!)).toBe(true)
    // Every question reached the stand-in once.
    const accepted = suite.standIn.conversations().flatMap((c) => c.userMessageIds)
    expect(new Set(accepted).size).toBe(accepted.length)
    expect(accepted).toHaveLength(2)
    expectNoViolationsFromTheRelay()
    await page.page.close()
    await tab.close()
  })

  it('a human check, a Cloudflare challenge or "unusual activity" in the tab ends in "Continue on chatgpt.com" with the prompt', async () => {
    const tab = await openChatGptTab()
    const popup = await PopupPage.open(suite.ext, 'relay-hand-off')
    // Whether or not the refusal is already remembered, this question goes through the tab.
    suite.standIn.queueAnswer({ text: 'through the tab' })
    await popup.ask('warm up')
    await popup.waitForAnswer(0)
    expect(sends().at(-1)!.headers.origin).toBe(CHATGPT)

    const cases = [
      { code: 'human-check-required', refuse: () => suite.standIn.setMode({ turnstileRequired: true }) },
      { code: 'human-check-required', refuse: () => suite.standIn.setMode({ cloudflare: true }) },
      { code: 'unusual-activity', refuse: () => suite.standIn.injectFault(faults.unusualActivity()) },
    ]
    for (const [i, { code, refuse }] of cases.entries()) {
      refuse()
      const question = `question ${i} & more`
      await popup.ask(question)
      await expect.poll(() => popup.answers().nth(i + 1).getAttribute('data-status'), { timeout: 20_000 }).toBe('failed')
      const notice = popup.page.locator('.job [data-testid=error-notice]').last()
      expect(await notice.getAttribute('data-code')).toBe(code)
      const [handOff] = await Promise.all([suite.ext.context.waitForEvent('page'), notice.getByTestId('error-action').click()])
      await handOff.waitForLoadState()
      expect(handOff.url()).toBe(`${CHATGPT}/?q=${encodeURIComponent(question)}`)
      await handOff.close()
      suite.standIn.setMode({ turnstileRequired: false, cloudflare: false })
      suite.standIn.clearFaults()
    }
    // The refusals were met in the tab (relayed sends for the human check and the unusual activity,
    // a relayed request for the challenge); the worker sent nothing itself once the relay was chosen.
    const lastDirect = suite.standIn.log.findLastIndex((e) => e.method === 'POST' && !fromTab(e))
    const afterWarmUp = suite.standIn.log.slice(suite.standIn.log.findLastIndex((e) => e.method === 'POST' && e.path === SEND && e.status === 200) + 1)
    expect(lastDirect).toBeLessThan(suite.standIn.log.indexOf(afterWarmUp[0]!))
    expect(afterWarmUp.filter((e) => e.status === 403).every(fromTab)).toBe(true)
    expect(afterWarmUp.some((e) => e.path === SEND && e.status === 403)).toBe(true)
    await popup.close()
    await tab.close()
  })

  it('with permission and no tab open, the extension opens one in the background, answers, and closes it when idle', async () => {
    await closeChatGptTabs()
    const options = await suite.ext.context.newPage()
    await options.goto(suite.ext.url('src/options/index.html'))
    await options.getByTestId('relay-open-tab').check()
    await expect.poll(() => storedSetting(options, 'relayOpenTab')).toBe(true)
    await options.close()

    suite.standIn.queueAnswer({ text: TEXT })
    const popup = await PopupPage.open(suite.ext, 'relay-opened')
    await popup.ask('open a tab for me')
    await popup.waitForAnswer(0)
    // The popup's first requests (models, warm-up) may already have opened it.
    const tab = suite.ext.context.pages().find((page) => page.url() === `${CHATGPT}/`)
    expect(tab).toBeDefined()
    expect((await popup.storedJobs())[0]!.text).toBe(TEXT)
    expect(sends().at(-1)!.headers.origin).toBe(CHATGPT)
    const relayTabs = await suite.ext.worker.evaluate(async () =>
      (await chrome.tabs.query({ url: 'https://chatgpt.com/*' })).map((t) => ({ active: t.active, autoDiscardable: t.autoDiscardable })),
    )
    // A background tab, kept from being discarded while it relays.
    expect(relayTabs).toEqual([{ active: false, autoDiscardable: false }])
    // Idle for 15 s: closed again (bounded wait).
    await tab!.waitForEvent('close', { timeout: 40_000 })
    expect(await suite.ext.worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://chatgpt.com/*' })).length)).toBe(0)
    expectNoViolationsFromTheRelay()
    await popup.close()
  })
})

async function storedSetting(page: Page, key: string): Promise<unknown> {
  return page.evaluate(async (k) => ((await chrome.storage.local.get('settings:v1'))['settings:v1'] as Record<string, unknown> | undefined)?.[k], key)
}

describe('no chatgpt.com tab and no permission to open one', () => {
  let fresh: LaunchedExtension
  beforeAll(async () => {
    fresh = await launchExtension({ standIn: suite.standIn, loggedIn: true })
  })
  afterAll(async () => {
    await fresh?.close()
  })

  it('says so with the two ways forward; opening chatgpt.com lets the retry go through it', async () => {
    const popup = await PopupPage.open(fresh, 'relay-none')
    await popup.ask('nowhere to go')
    const notice = popup.page.locator('.job [data-testid=error-notice][data-code=relay-unavailable]')
    await notice.waitFor({ timeout: 20_000 })
    const words = await notice.innerText()
    expect(words).toMatch(/Open chatgpt\.com in a tab/)
    expect(words).toMatch(/allow Ask Anywhere to open one/)
    // The refused direct POST is all that reached the server, and it did not count.
    expect(sends().map((e) => e.status)).toEqual([403])
    expect(suite.standIn.conversations().flatMap((c) => c.userMessageIds)).toEqual([])

    suite.standIn.queueAnswer({ text: TEXT })
    const action = notice.getByTestId('error-action')
    expect(await action.innerText()).toMatch(/open chatgpt\.com/i)
    const [tab] = await Promise.all([fresh.context.waitForEvent('page'), action.click()])
    await tab.waitForLoadState()
    expect(tab.url()).toBe(`${CHATGPT}/`)
    // Coming back retries, now through the tab (headless Chromium delivers no focus event itself).
    await popup.page.bringToFront()
    await popup.page.evaluate(() => window.dispatchEvent(new Event('focus')))
    await popup.waitForAnswer(0)
    expect((await popup.storedJobs()).map((j) => j.text)).toEqual([TEXT])
    expect(sends().map((e) => [e.status, e.headers.origin])).toEqual([
      [403, expect.stringMatching(/^chrome-extension:/)],
      [200, CHATGPT],
    ])
    expect(suite.standIn.conversations().flatMap((c) => c.userMessageIds)).toHaveLength(1)
    await popup.close()
    await tab.close()
  })
})
