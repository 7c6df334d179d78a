/**
 * With the browser's UI language set to Simplified Chinese (`--lang=zh-CN`), every surface speaks
 * Chinese (issue 7): the popup, the chat page, the overlay page, the options page (connection
 * check and history included), error notices, and the worker's menu, omnibox and export text.
 * Each page is checked two ways: known Chinese strings are there, and no English message from
 * `_locales/en` appears anywhere in its text or visible attributes (answers and questions, which
 * are the user's and ChatGPT's own words, are left out).
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import en from '../public/_locales/en/messages.json'
import zh from '../public/_locales/zh_CN/messages.json'
import { faults } from '../test/chatgpt-stand-in/index'
import { useBrowserSuite } from './harness/browser-suite'
import { launchExtension } from './harness/launch'
import { OptionsPage } from './harness/options-page'
import { PopupPage } from './harness/popup-page'

type Messages = Record<string, { message: string }>
const EN = en as Messages
const ZH = zh as Messages
const zhText = (key: string) => ZH[key]!.message

/**
 * English fragments that must not show: each en message's text between placeholders, unless the
 * Chinese messages use it too (names such as "Ask Anywhere" and "ChatGPT" stay as they are).
 */
const ZH_ALL = Object.values(ZH).map((entry) => entry.message).join('\n')
const ENGLISH = Object.values(EN)
  .flatMap((entry) => entry.message.split(/\$[A-Za-z_]+\$|%s/))
  .map((part) => part.trim())
  .filter((part) => /[A-Za-z]{3}/.test(part) && part.length >= 4 && !ZH_ALL.includes(part))

/** Text and visible attributes a person would read, minus questions and answers. */
function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const skip = '[data-testid=prompt], [data-testid=answer] .md, .notice-detail, .history-snippet, .history-item-title'
    const out: string[] = [document.title]
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node instanceof Element ? node : node.parentElement
      if (element?.closest(skip)) continue
      if (node instanceof Text) out.push(node.data)
      else if (node instanceof Element) for (const name of ['placeholder', 'title', 'aria-label', 'alt']) out.push(node.getAttribute(name) ?? '')
    }
    return out.join('\n')
  })
}

async function expectChinese(page: Page, mustShow: string[]): Promise<void> {
  const text = await readableText(page)
  for (const key of mustShow) expect(text, key).toContain(zhText(key))
  expect(ENGLISH.filter((fragment) => text.includes(fragment))).toEqual([])
  expect(text).toMatch(/\p{Script=Han}/u)
}

const suite = useBrowserSuite({ launch: { locale: 'zh-CN' } })

describe('zh-CN browser', () => {
  it('the worker answers in Chinese: menu, omnibox and i18n language', async () => {
    const worker = await suite.ext.currentWorker()
    const texts = await worker.evaluate(() => ({
      ui: chrome.i18n.getUILanguage(),
      menu: chrome.i18n.getMessage('askAboutSelection'),
      omnibox: chrome.i18n.getMessage('omniboxDefault'),
    }))
    expect(texts.ui).toMatch(/^zh/)
    expect(texts.menu).toBe(zhText('askAboutSelection'))
    expect(texts.omnibox).toBe(zhText('omniboxDefault'))
  })

  it('popup: labels, an answer and its actions, and error notices are Chinese', async () => {
    const popup = await PopupPage.open(suite.ext, 'zh-popup')
    await popup.ask('你好')
    await popup.waitForAnswer(0)
    expect(await popup.composer().getAttribute('placeholder')).toBe(zhText('composerPlaceholder'))
    await expectChinese(popup.page, ['newChat', 'copyAnswer', 'regenerate'])

    suite.standIn.injectFault(faults.rateLimited({ clearsIn: 3600 }))
    await popup.ask('再问一次')
    const notice = popup.page.locator('.job [data-testid=error-notice][data-code=rate-limited]')
    await notice.waitFor()
    expect(await notice.innerText()).toContain(zhText('errRateLimitedUntil').split('$TIME$')[0]!)
    await expectChinese(popup.page, ['retry'])
    await popup.close()
  })

  it('popup: a Chinese answer streams with its bold after full-width punctuation, as on chatgpt.com', async () => {
    const popup = await PopupPage.open(suite.ext, 'zh-bold')
    suite.standIn.queueAnswer({ text: '**简单来说：**答案是四十二。他说**「好的」**然后走了。', tokensPerFrame: 3 })
    await popup.ask('简单说说')
    await popup.waitForAnswer(0)
    const bold = popup.page.locator('[data-testid=answer] .md strong')
    expect(await bold.allInnerTexts()).toEqual(['简单来说：', '「好的」'])
    expect(await popup.page.locator('[data-testid=answer] .md').innerText()).not.toContain('**')
    await popup.close()
  })

  it('popup when logged out: the notice and its action are Chinese', async () => {
    const loggedOut = await launchExtension({ standIn: suite.standIn, loggedIn: false, locale: 'zh-CN' })
    try {
      const popup = await PopupPage.open(loggedOut, 'zh-logged-out')
      const notice = popup.page.getByTestId('error-notice')
      await expect.poll(() => notice.getAttribute('data-code'), { timeout: 10_000 }).toBe('not-logged-in')
      await expectChinese(popup.page, ['notLoggedIn', 'logIn'])
    } finally {
      await loggedOut.close()
    }
  })

  it('chat page and overlay page are Chinese', async () => {
    // The overlay is bound to the tab it sits in (its thread is `tab:<that tab's id>`), so take
    // the overlay page's own tab id; the chat page can open and ask in that thread.
    const overlay = await suite.ext.context.newPage()
    await overlay.goto(suite.ext.url('src/overlay/index.html'))
    const tabId = await overlay.evaluate(async () => (await chrome.tabs.getCurrent())?.id)
    const threadKey = `tab:${tabId}`
    const chat = await suite.ext.context.newPage()
    await chat.goto(suite.ext.url(`src/chat/index.html#${threadKey}`))
    const asking = new PopupPage(chat, threadKey)
    await asking.composer().waitFor()
    await asking.ask('问题')
    await asking.waitForAnswer(0)
    await expectChinese(chat, ['newChat', 'copyAnswer', 'historyTitle'])
    await overlay.goto(suite.ext.url(`src/overlay/index.html#${threadKey}`))
    await overlay.reload()
    await overlay.getByTestId('answer').first().waitFor()
    await expectChinese(overlay, ['newChat', 'copyAnswer'])
    await overlay.close()
    await chat.close()
  })

  it('options: every section, the connection check and the history are Chinese, dates too', async () => {
    const options = await OptionsPage.open(suite.ext)
    await expect.poll(() => options.historyItems().count()).toBeGreaterThan(0)
    suite.standIn.setMode({ cloudflare: true })
    await options.page.getByTestId('run-check').click()
    await options.page.getByTestId('check-failure').waitFor({ timeout: 30_000 })
    await expectChinese(options.page, ['optionsTitle', 'optionsPrivacy', 'historyTitle', 'optionsConnection', 'checkStep_session', 'errCloudflareCheck', 'actionPassCheck'])
    // Dates in the history list use Chinese formatting (年/月/日).
    expect(await options.historyItems().first().innerText()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/)

    const exported = await options.download(() => options.historyItems().first().getByTestId('history-export').click())
    expect(exported.text).toContain(`## ${zhText('exportYou')}\n`)
    expect(exported.text).toContain(`- ${zhText('historySurface')}: `)
    await options.page.close()
  })
})
