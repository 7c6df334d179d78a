/**
 * The `gpt` keyword and the chat page (issue 6), in Chromium against the stand-in: Enter shows the
 * streaming answer in the current tab or a new one; reloading the page mid-stream or afterwards
 * never sends the question again; typing makes no request; suggestions survive `<`, `&`, quotes.
 */
import type { Page } from 'playwright-core'
import { beforeEach, describe, expect, it } from 'vitest'
import type { JobSnapshot, Surface } from '../src/shared/messaging/protocol'
import { useBrowserSuite } from './harness/browser-suite'
import { PopupPage } from './harness/popup-page'

type Disposition = 'currentTab' | 'newForegroundTab' | 'newBackgroundTab'
/** Chromium fires an extension event on `dispatch` (toolchain.md §4); @types/chrome does not know it. */
interface Dispatchable {
  dispatch(...args: unknown[]): void
}
interface Row {
  content: string
  description: string
}

const suite = useBrowserSuite({ resetEachTest: false })
beforeEach(async () => {
  // Each test starts from one blank tab, so no page of an earlier test talks to the stand-in
  // after the reset.
  const [keep, ...rest] = suite.ext.context.pages()
  for (const page of rest) await page.close()
  if (keep) await keep.goto('about:blank')
  suite.standIn.reset()
})

const SEND = '/backend-api/f/conversation'
const sends = () => suite.standIn.log.filter((e) => e.method === 'POST' && e.path === SEND)
const sentPrompt = (i: number) => {
  const body = sends()[i]!.body as { messages: { content: { parts: string[] } }[] }
  return body.messages[0]!.content.parts[0]
}
const CHAT_URL = /\/src\/chat\/index\.html#omnibox%3A[0-9a-f-]{36}$/

async function enter(text: string, disposition: Disposition): Promise<void> {
  const worker = await suite.ext.currentWorker()
  await worker.evaluate(([t, d]) => (chrome.omnibox.onInputEntered as unknown as Dispatchable).dispatch(t, d), [text, disposition] as const)
}

/** Types `text` one character at a time, as Chromium reports it, and returns each keystroke's rows. */
async function type(text: string): Promise<Row[][]> {
  const worker = await suite.ext.currentWorker()
  return worker.evaluate(async (full) => {
    (chrome.omnibox.onInputStarted as unknown as Dispatchable).dispatch()
    const rows: Row[][] = []
    for (let i = 1; i <= full.length; i += 1) {
      rows.push(await new Promise<Row[]>((resolve) => (chrome.omnibox.onInputChanged as unknown as Dispatchable).dispatch(full.slice(0, i), resolve)))
    }
    return rows
  }, text)
}

/**
 * Reloads a page whose navigation has only just committed. Until Chromium has attached the new
 * extension process to the tab, Page.reload fails with "Not attached to an active page" (seen
 * twice in a row on a loaded CI machine), so it is retried, a bounded number of times, for that
 * error only; no reload has happened when it fails.
 */
async function reloadOnceAttached(page: Page): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await page.reload()
      return
    } catch (error) {
      if (attempt === 40 || !String(error).includes('Not attached to an active page')) throw error
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }
}

async function blankTab(): Promise<Page> {
  const page = suite.ext.context.pages()[0] ?? (await suite.ext.context.newPage())
  await page.bringToFront()
  return page
}

/** Opens a new tab through `enter` and returns it, loaded on the chat page. */
async function enterInNewTab(text: string, disposition: Disposition): Promise<Page> {
  const [page] = await Promise.all([suite.ext.context.waitForEvent('page'), enter(text, disposition)])
  await page.waitForURL(CHAT_URL)
  return page
}

const answer = (page: Page, index = 0) => page.getByTestId('answer').nth(index)
const waitForStatus = (page: Page, status: string, index = 0, timeout = 30_000) =>
  page.locator(`[data-testid=answer][data-status=${status}]`).nth(index).waitFor({ timeout, state: 'attached' })
const answerText = async (page: Page, index = 0) => (await answer(page, index).locator('.md').innerText()).replace(/\s+/g, ' ').trim()
const flat = (text: string) => text.replace(/\s+/g, ' ').trim()

/** The thread behind the page, as the worker stored it. */
async function storedThread(page: Page): Promise<{ surface: Surface; temporary: boolean; jobs: JobSnapshot[] }> {
  return page.evaluate(async () => {
    const key = `thread:${decodeURIComponent(location.hash.slice(1))}`
    const record = (await chrome.storage.local.get(key))[key] as { surface: Surface; state: { temporary: boolean }; jobs: JobSnapshot[] }
    return { surface: record.surface, temporary: record.state.temporary, jobs: record.jobs }
  })
}

describe('omnibox: Enter', () => {
  it('currentTab shows the streaming answer in the tab the user typed in', async () => {
    const text = 'Two plus two is **four**. '.repeat(12).trim()
    suite.standIn.queueAnswer({ text, delayMs: 25 })
    const tab = await blankTab()
    const tabsBefore = suite.ext.context.pages().length
    await enter('what is 2+2', 'currentTab')
    await tab.waitForURL(CHAT_URL)
    await waitForStatus(tab, 'streaming')
    expect(await tab.getByTestId('prompt').first().innerText()).toContain('what is 2+2')
    await waitForStatus(tab, 'complete')
    expect(await answerText(tab)).toBe(flat(text.replace(/\*\*/g, '')))
    expect(suite.ext.context.pages()).toHaveLength(tabsBefore)
    expect(sends()).toHaveLength(1)
    expect(sentPrompt(0)).toBe('what is 2+2')
    const thread = await storedThread(tab)
    expect(thread.surface).toBe('omnibox')
    expect(thread.jobs.map((j) => j.text)).toEqual([text])
    expect(suite.standIn.violations()).toEqual([])
  })

  it('newForegroundTab opens a new, active tab; newBackgroundTab a new one behind; the typing tab stays', async () => {
    const tab = await blankTab()
    suite.standIn.queueAnswer({ text: 'In front.' })
    const front = await enterInNewTab('foreground question', 'newForegroundTab')
    suite.standIn.queueAnswer({ text: 'Behind.' })
    await tab.bringToFront()
    const back = await enterInNewTab('background question', 'newBackgroundTab')
    expect(tab.url()).toBe('about:blank')
    expect(suite.ext.context.pages()).toHaveLength(3)
    await waitForStatus(front, 'complete')
    await waitForStatus(back, 'complete')
    expect(await answerText(front)).toBe('In front.')
    expect(await answerText(back)).toBe('Behind.')
    const active = (page: Page) => page.evaluate(async () => (await chrome.tabs.getCurrent())?.active)
    expect(await active(back)).toBe(false)
    expect(sends().map((_, i) => sentPrompt(i))).toEqual(['foreground question', 'background question'])
  })

  it('asks with the omnibox privacy setting', async () => {
    const worker = await suite.ext.currentWorker()
    await worker.evaluate(() => chrome.storage.local.set({ 'settings:v1': { privacy: { omnibox: 'temporary' } } }))
    try {
      suite.standIn.queueAnswer({ text: 'Kept out of history.' })
      const page = await enterInNewTab('a private question', 'newForegroundTab')
      await waitForStatus(page, 'complete')
      expect((sends()[0]!.body as Record<string, unknown>).history_and_training_disabled).toBe(true)
      expect((await storedThread(page)).temporary).toBe(true)
    } finally {
      await worker.evaluate(() => chrome.storage.local.remove('settings:v1'))
    }
  })
})

describe('chat page reloads', () => {
  it('reattaches to the live job mid-stream and shows the stored answer after, with one POST', async () => {
    const text = 'A long streamed answer, word by word. '.repeat(30).trim()
    suite.standIn.queueAnswer({ text, delayMs: 30 })
    const page = await enterInNewTab('tell me something long', 'newForegroundTab')
    const url = page.url()
    await waitForStatus(page, 'streaming')
    await page.reload()
    expect(page.url()).toBe(url)
    // Reattached to the job the worker is still streaming, not a copy of what was stored.
    await waitForStatus(page, 'streaming', 0, 10_000)
    await waitForStatus(page, 'complete')
    expect(await answerText(page)).toBe(flat(text))
    await page.reload()
    await waitForStatus(page, 'complete')
    expect(await answerText(page)).toBe(flat(text))
    expect(await page.getByTestId('answer').count()).toBe(1)
    expect(sends()).toHaveLength(1)
    expect(suite.standIn.violations()).toEqual([])
  })

  it('?q= asks once: the URL becomes the thread before anything is sent, so reloads never re-send', async () => {
    const text = 'Asked from the address. '.repeat(30).trim()
    suite.standIn.queueAnswer({ text, delayMs: 30 })
    const page = await blankTab()
    await page.goto(suite.ext.url(`src/chat/index.html?q=${encodeURIComponent('what is 3+3?')}`))
    await page.waitForURL(/\/src\/chat\/index\.html#chat-page%3A[0-9a-f-]{36}$/)
    await waitForStatus(page, 'streaming')
    await page.reload()
    await waitForStatus(page, 'complete')
    await page.reload()
    await waitForStatus(page, 'complete')
    expect(await answerText(page)).toBe(flat(text))
    expect(sends()).toHaveLength(1)
    expect(sentPrompt(0)).toBe('what is 3+3?')
    expect(await page.getByTestId('composer').inputValue()).toBe('')
    const thread = await storedThread(page)
    expect(thread.surface).toBe('chat-page')
    expect(thread.jobs).toHaveLength(1)
  })

  it('a reload racing the first send never sends twice and never loses the question', async () => {
    suite.standIn.queueAnswer({ text: 'Raced.' })
    const page = await blankTab()
    await page.goto(suite.ext.url(`src/chat/index.html?q=${encodeURIComponent('racing question')}`), { waitUntil: 'commit' })
    await reloadOnceAttached(page)
    const composer = page.getByTestId('composer')
    // Either the first load's send landed (one answer) or it never left (the question is offered back).
    await expect.poll(async () => (await page.getByTestId('answer').count()) > 0 || (await composer.inputValue()) === 'racing question').toBe(true)
    await page.waitForTimeout(300)
    expect(sends().length).toBeLessThanOrEqual(1)
    if (sends().length === 1) await waitForStatus(page, 'complete')
    expect(await page.getByTestId('answer').count()).toBe(sends().length)
  })

  it('follows up in the same conversation, and New chat starts a fresh thread that Back leaves', async () => {
    suite.standIn.queueAnswer({ text: 'First.' })
    const page = await enterInNewTab('first question', 'newForegroundTab')
    const firstUrl = page.url()
    await waitForStatus(page, 'complete')
    suite.standIn.queueAnswer({ text: 'Second.' })
    await page.getByTestId('composer').fill('a follow-up')
    await page.getByTestId('composer').press('Enter')
    await waitForStatus(page, 'complete', 1)
    const first = (await storedThread(page)).jobs[0]!
    expect((sends()[1]!.body as Record<string, unknown>).conversation_id).toBe(first.conversationId)
    await page.getByTestId('new-chat').click()
    await page.waitForURL(/#chat-page%3A/)
    await expect.poll(() => page.getByTestId('answer').count()).toBe(0)
    await page.goBack()
    expect(page.url()).toBe(firstUrl)
    await waitForStatus(page, 'complete', 1)
    expect(sends()).toHaveLength(2)
  })
})

describe('chat page sidebar', () => {
  it('lists earlier threads with the open one marked; Resume switches to another without sending', async () => {
    suite.standIn.queueAnswer({ text: 'One.' })
    const page = await enterInNewTab('sidebar one', 'newForegroundTab')
    await waitForStatus(page, 'complete')
    const firstKey = decodeURIComponent(new URL(page.url()).hash.slice(1))
    suite.standIn.queueAnswer({ text: 'Two.' })
    await page.goto(suite.ext.url(`src/chat/index.html?q=${encodeURIComponent('sidebar two')}`))
    await waitForStatus(page, 'complete')
    const secondKey = decodeURIComponent(new URL(page.url()).hash.slice(1))
    const row = (key: string) => page.locator(`.chat-sidebar [data-testid=history-item][data-thread="${key}"]`)
    await row(firstKey).waitFor()
    await expect.poll(() => row(secondKey).getAttribute('class')).toContain('history-item-active')
    await row(firstKey).getByTestId('history-resume').click()
    await page.waitForURL((url) => url.hash === `#${encodeURIComponent(firstKey)}`)
    await waitForStatus(page, 'complete')
    expect(await answerText(page)).toBe('One.')
    await page.goBack()
    await waitForStatus(page, 'complete')
    expect(await answerText(page)).toBe('Two.')
    expect(sends()).toHaveLength(2)
  })
})

describe('popup: Open in tab', () => {
  it('opens the popup thread on the chat page, where it continues', async () => {
    suite.standIn.queueAnswer({ text: 'From the popup.' })
    const popup = await PopupPage.open(suite.ext, 'tabbed')
    await popup.ask('popup question')
    await popup.waitForAnswer(0)
    const [page] = await Promise.all([suite.ext.context.waitForEvent('page'), popup.page.getByTestId('open-in-tab').click()])
    await page.waitForURL(/\/src\/chat\/index\.html#tabbed$/)
    await waitForStatus(page, 'complete')
    expect(await answerText(page)).toBe('From the popup.')
    suite.standIn.queueAnswer({ text: 'Continued in the tab.' })
    await page.getByTestId('composer').fill('and in the tab?')
    await page.getByTestId('composer').press('Enter')
    await waitForStatus(page, 'complete', 1)
    // The popup sees the tab's turn: one thread, one conversation.
    await popup.waitForAnswer(1)
    expect((sends()[1]!.body as Record<string, unknown>).conversation_id).toBe((await popup.storedJobs())[0]!.conversationId)
    await popup.close()
  })
})

describe('omnibox: typing', () => {
  it('20 keystrokes make 0 backend requests and suggest earlier questions', async () => {
    suite.standIn.queueAnswer({ text: 'Paris.' })
    const page = await enterInNewTab('What is the capital of France?', 'newForegroundTab')
    await waitForStatus(page, 'complete')
    await page.close()
    suite.standIn.reset()
    const typed = 'what is the capital '
    expect(typed).toHaveLength(20)
    const rows = await type(typed)
    expect(rows).toHaveLength(20)
    const last = rows[19]!.find((row) => row.content === 'What is the capital of France?')
    expect(last?.description).toContain('<match>What is the capital</match> of France?')
    // Anything a keystroke started would be on the wire by now.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(suite.standIn.log).toEqual([])
  })

  it('offers the selection templates for typed text, and asks the chosen one with it', async () => {
    const rows = (await type('bonjour le monde')).at(-1)!
    const row = rows.find((r) => r.content === '/translate-en bonjour le monde')
    expect(row?.description).toBe('<dim>Translate to English:</dim> <match>bonjour le monde</match>')
    expect(suite.standIn.log).toEqual([])
    suite.standIn.queueAnswer({ text: 'Hello world.' })
    const page = await enterInNewTab(row!.content, 'newForegroundTab')
    await waitForStatus(page, 'complete')
    expect(sentPrompt(0)).toMatch(/^Translate the following text into English\.[\s\S]*\nbonjour le monde\n/)
  })

  it('suggestions with <, &, quotes are escaped XML that round-trips to the question verbatim', async () => {
    const question = `Is 1 < 2 && "x" > 'y' <match>?`
    suite.standIn.queueAnswer({ text: 'Yes.' })
    const page = await enterInNewTab(question, 'newForegroundTab')
    await waitForStatus(page, 'complete')
    const rows = (await type('1 < 2 &&')).at(-1)!
    const row = rows.find((r) => r.content === question)
    expect(row).toBeDefined()
    const { description } = row!
    expect(description).toContain('Is <match>1 &lt; 2 &amp;&amp;</match> &quot;x&quot; &gt; &apos;y&apos; &lt;match&gt;?')
    expect(description.replace(/<\/?(match|dim)>/g, '')).not.toMatch(/[<>"']|&(?!(amp|lt|gt|quot|apos);)/)
    // Chromium's strict XML parser reads back exactly the question (and the dimmed note).
    const parsed = await page.evaluate((xml) => {
      const doc = new DOMParser().parseFromString(`<r>${xml}</r>`, 'text/xml')
      return { errors: doc.getElementsByTagName('parsererror').length, text: doc.documentElement.textContent, tags: [...doc.documentElement.children].map((c) => c.tagName) }
    }, description)
    expect(parsed.errors).toBe(0)
    expect(parsed.text).toBe(`${question} — asked before`)
    expect(parsed.tags).toEqual(['match', 'dim'])
    // And the omnibox API itself accepts it, while the unescaped text is refused.
    const worker = await suite.ext.currentWorker()
    const verdicts = await worker.evaluate(async ([good, bad]) => {
      const verdict = (d: string) => chrome.omnibox.setDefaultSuggestion({ description: d }).then(() => 'accepted', () => 'refused')
      const result = [await verdict(good), await verdict(bad)]
      ;(chrome.omnibox.onInputStarted as unknown as Dispatchable).dispatch() // puts the real default row back
      return result
    }, [description, question] as const)
    expect(verdicts).toEqual(['accepted', 'refused'])
  })
})
