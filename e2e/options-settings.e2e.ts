/**
 * The rest of the options page, end to end (issue 7): the default model comes from the account's
 * list and is what the next question asks for; a fixed answer language adds exactly the line the
 * page shows (and nothing by default); the theme switches every open page; the keyboard commands
 * are bound to their defaults, listed, and do what they say.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { OptionsPage } from './harness/options-page'
import { PopupPage } from './harness/popup-page'
import { grantActiveTab, openTab, overlayFrame, selectText, sentPrompt, useSelectionSuite, waitForAnswer } from './pages/selection-harness'

const SEND = '/backend-api/f/conversation'
// Logged in, with the flag that lets a test make Chromium grant activeTab as a key press would.
const suite = useSelectionSuite()
let options: OptionsPage

beforeAll(async () => {
  options = await OptionsPage.open(suite.ext)
})

const lastSend = () => suite.standIn.log.filter((e) => e.method === 'POST' && e.path === SEND).at(-1)!.body as Record<string, unknown>
const setting = (key: string) =>
  options.page.evaluate(async (k) => ((await chrome.storage.local.get('settings:v1'))['settings:v1'] as Record<string, unknown> | undefined)?.[k], key)

describe('settings', () => {
  it('default model: chosen from the account\'s models, asked for by the next question', async () => {
    const select = options.page.getByTestId('default-model')
    await expect.poll(() => select.locator('option').count()).toBeGreaterThan(2)
    const slugs = await select.locator('option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value))
    const chosen = slugs.filter(Boolean).at(-1)!
    await select.selectOption(chosen)
    await expect.poll(() => setting('defaultModel')).toBe(chosen)
    const popup = await PopupPage.open(suite.ext, 'model-default')
    await popup.ask('which model?')
    await popup.waitForAnswer(0)
    expect(lastSend().model).toBe(chosen)
    await popup.close()
    await select.selectOption('')
  })

  it('answer language: nothing added by default; a fixed one adds the line the page shows', async () => {
    const note = options.page.getByTestId('answer-language-note')
    const popup = await PopupPage.open(suite.ext, 'language')
    await popup.ask('Hello there')
    await popup.waitForAnswer(0)
    expect(sentPrompt(lastSend())).toBe('Hello there')

    await options.page.getByTestId('answer-language').selectOption('zh-Hans')
    await expect.poll(() => setting('answerLanguage')).toBe('zh-Hans')
    expect(await note.innerText()).toContain('(Please answer in Simplified Chinese.)')
    await popup.ask('How are you?')
    await popup.waitForAnswer(1)
    expect(sentPrompt(lastSend())).toBe('How are you?\n\n(Please answer in Simplified Chinese.)')
    // The thread keeps the user's words; only the wire carries the instruction.
    expect((await popup.storedJobs()).map((j) => j.prompt)).toEqual(['Hello there', 'How are you?'])
    expect(await popup.page.getByTestId('prompt').last().innerText()).toMatch(/\nHow are you\?$/)
    await popup.close()
    await options.page.getByTestId('answer-language').selectOption('')
    await expect.poll(() => setting('answerLanguage')).toBe('')
  })

  it('theme: applies to every open extension page at once, and back to the system', async () => {
    const popup = await PopupPage.open(suite.ext, 'theme')
    const themeOf = (page: PopupPage['page']) => page.evaluate(() => document.documentElement.dataset.theme ?? 'system')
    await options.page.getByTestId('theme').selectOption('dark')
    await expect.poll(() => themeOf(popup.page)).toBe('dark')
    await expect.poll(() => themeOf(options.page)).toBe('dark')
    expect(await popup.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(33, 33, 33)')
    await options.page.getByTestId('theme').selectOption('light')
    await expect.poll(() => themeOf(popup.page)).toBe('light')
    await options.page.getByTestId('theme').selectOption('system')
    await expect.poll(() => themeOf(popup.page)).toBe('system')
    await popup.close()
  })
})

describe('keyboard commands', () => {
  it('are bound to their defaults and listed, with the way to rebind them', async () => {
    const rows = options.page.getByTestId('shortcut')
    await expect.poll(() => rows.count()).toBe(3)
    const listed = await rows.evaluateAll((r) => r.map((row) => [row.getAttribute('data-command'), row.querySelector('kbd')?.textContent]))
    expect(Object.fromEntries(listed)).toEqual({ _execute_action: 'Alt+Shift+G', 'ask-selection': 'Alt+Shift+Q', 'open-chat': 'Alt+Shift+O' })
    const [opened] = await Promise.all([suite.ext.context.waitForEvent('page'), options.page.getByTestId('open-shortcuts').click()])
    expect(opened.url()).toBe('chrome://extensions/shortcuts')
    await opened.close()
  })

  it('open chat page: a new tab on the chat page', async () => {
    const [opened] = await Promise.all([
      suite.ext.context.waitForEvent('page'),
      suite.ext.worker.evaluate(() => (chrome.commands.onCommand as unknown as { dispatch(command: string): void }).dispatch('open-chat')),
    ])
    await opened.waitForURL(/src\/chat\/index\.html/)
    await opened.getByTestId('composer').waitFor()
    await opened.close()
  })

  it('ask about selection: the selected text is asked about, in the overlay', async () => {
    const tab = await openTab(suite.ext, suite.pages.url('article.html?text=Photosynthesis%20turns%20light%20into%20sugar.'))
    const selected = await selectText(tab.page, '#para')
    await grantActiveTab(suite.ext, tab)
    await suite.ext.worker.evaluate(async (tabId) => {
      const onCommand = chrome.commands.onCommand as unknown as { dispatch(command: string, tab: chrome.tabs.Tab): void }
      onCommand.dispatch('ask-selection', await chrome.tabs.get(tabId))
    }, tab.tabId)
    const frame = await overlayFrame(tab.page)
    await waitForAnswer(frame, 0)
    expect(sentPrompt(lastSend())).toContain(selected)
    await tab.page.close()
  })
})
