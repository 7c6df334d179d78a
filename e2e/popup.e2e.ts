/**
 * The toolbar popup, driven as a person would in Chromium against the stand-in (issue 4):
 * markdown answers, follow-ups in one conversation, regenerate, new chat, stop, answers that
 * survive closing the popup, separate threads, multibyte text, IME.
 */
import { describe, expect, it } from 'vitest'
import { useBrowserSuite } from './harness/browser-suite'
import { PopupPage } from './harness/popup-page'

const SEND = '/backend-api/f/conversation'
const suite = useBrowserSuite()

const sends = () => suite.standIn.log.filter((e) => e.method === 'POST' && e.path === SEND)
const sendBody = (i: number) => sends()[i]!.body as Record<string, unknown>

describe('popup chat', () => {
  it('renders markdown, follows up in the same conversation, regenerates and starts a new chat', async () => {
    const markdown = 'Here you go:\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```js\nconst x = 1\n```\n\nDone.'
    suite.standIn.queueAnswer({ text: markdown })
    const popup = await PopupPage.open(suite.ext, 'markdown')
    await popup.ask('show me markdown')
    await popup.waitForAnswer(0)
    const answer = popup.answers().nth(0)
    expect(await answer.locator('li').allInnerTexts()).toEqual(['one', 'two'])
    expect(await answer.locator('table td').allInnerTexts()).toEqual(['1', '2'])
    expect(await answer.locator('pre code').innerText()).toBe('const x = 1')
    expect((await popup.storedJobs())[0]!.text).toBe(markdown)

    await popup.ask('and a follow-up')
    await popup.waitForAnswer(1)
    const first = (await popup.storedJobs())[0]!
    expect(sendBody(1).conversation_id).toBe(first.conversationId)
    expect(sendBody(1).parent_message_id).toBe(first.messageId)

    await popup.page.getByTestId('regenerate').click()
    await popup.waitForAnswer(2)
    expect(sendBody(2).action).toBe('variant')

    await popup.page.getByTestId('new-chat').click()
    await expect.poll(() => popup.answers().count()).toBe(0)
    await popup.ask('a new topic')
    await popup.waitForAnswer(0)
    expect(sendBody(3)).not.toHaveProperty('conversation_id')
    expect(suite.standIn.violations()).toEqual([])
    await popup.close()
  })

  it('asks in the new chat when Enter follows New chat at once', async () => {
    suite.standIn.queueAnswer({ text: 'Old topic.' })
    const popup = await PopupPage.open(suite.ext, 'quick-new-chat')
    await popup.ask('an old topic')
    await popup.waitForAnswer(0)
    suite.standIn.queueAnswer({ text: 'New topic.' })
    await popup.composer().fill('a new topic')
    // New chat and Enter in one task: the fastest a person can be, and what a busy worker sees
    // when both arrive before it has filed the old conversation away.
    await popup.page.evaluate(() => {
      document.querySelector<HTMLButtonElement>('[data-testid=new-chat]')!.click()
      document.querySelector('[data-testid=composer]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }))
    })
    // Until the new chat shows, the old answer is still on screen: wait for the new one's text.
    await expect.poll(() => popup.answerText(0).catch(() => ''), { timeout: 30_000 }).toBe('New topic.')
    await popup.waitForAnswer(0)
    expect(await popup.answers().count()).toBe(1)
    expect(sendBody(1)).not.toHaveProperty('conversation_id')
    expect((await popup.storedJobs()).map((job) => job.prompt)).toEqual(['a new topic'])
    await popup.close()
  })

  it('stops within a second and the server sees the connection close', async () => {
    suite.standIn.queueAnswer({ text: 'a slow answer '.repeat(300), delayMs: 40 })
    const popup = await PopupPage.open(suite.ext, 'stop')
    await popup.ask('go slowly')
    await popup.page.locator('[data-testid=answer][data-status=streaming]').waitFor()
    const clicked = Date.now()
    await popup.page.getByTestId('stop').click()
    const send = await suite.standIn.waitFor((e) => e.path === SEND && e.closedByClient, 5_000)
    expect(Date.now() - clicked).toBeLessThan(1_000)
    expect(send.finished).toBe(false)
    await popup.waitForAnswer(0, 'stopped')
    // The server kept the stopped turn: a follow-up goes under it, even if Stop came first.
    await popup.ask('and now?')
    await popup.waitForAnswer(0)
    expect(suite.standIn.violations()).toEqual([])
    await popup.close()
  })

  it('keeps streaming when the popup closes, and shows the byte-identical answer on reopen', async () => {
    const text = 'Long answer that keeps going. '.repeat(40) + '结尾 🎉'
    suite.standIn.queueAnswer({ text, delayMs: 25 })
    const first = await PopupPage.open(suite.ext, 'survive')
    await first.ask('a long one')
    await first.page.locator('[data-testid=answer][data-status=streaming]').waitFor()
    await first.close()
    await new Promise((resolve) => setTimeout(resolve, 500))
    const again = await PopupPage.open(suite.ext, 'survive')
    await again.waitForAnswer(0)
    expect((await again.storedJobs())[0]!.text).toBe(text)
    expect((await again.answerText(0)).replace(/\s+/g, ' ').trim()).toBe(text.replace(/\s+/g, ' ').trim())
    expect(sends()).toHaveLength(1)
    await again.close()
  })

  it('keeps two popup threads apart when both ask at once', async () => {
    const a = await PopupPage.open(suite.ext, 'thread-a')
    const b = await PopupPage.open(suite.ext, 'thread-b')
    suite.standIn.queueAnswer({ text: 'Answer for A only.' })
    suite.standIn.queueAnswer({ text: 'Answer for B only.' })
    await Promise.all([a.ask('question A'), b.ask('question B')])
    await a.waitForAnswer(0)
    await b.waitForAnswer(0)
    const textA = await a.answerText(0)
    const textB = await b.answerText(0)
    expect(new Set([textA.trim(), textB.trim()])).toEqual(new Set(['Answer for A only.', 'Answer for B only.']))
    expect(await a.answers().count()).toBe(1)
    expect(await b.answers().count()).toBe(1)
    const [jobA] = await a.storedJobs()
    const [jobB] = await b.storedJobs()
    expect(jobA!.prompt).toBe('question A')
    expect(jobB!.prompt).toBe('question B')
    expect(jobA!.conversationId).not.toBe(jobB!.conversationId)
    expect(suite.standIn.violations()).toEqual([])
    await a.close()
    await b.close()
  })

  it('renders Chinese and emoji split inside multibyte characters exactly', async () => {
    const text = '你好，世界！这是一个测试。👩‍👩‍👧‍👦 家庭 🇨🇳 ✓ café'
    suite.standIn.queueAnswer({ text, rawUtf8: true, chunking: 1, delayMs: 0 })
    const popup = await PopupPage.open(suite.ext, 'multibyte')
    await popup.ask('say it in Chinese')
    await popup.waitForAnswer(0)
    expect((await popup.answerText(0)).trim()).toBe(text)
    expect((await popup.storedJobs())[0]!.text).toBe(text)
    await popup.close()
  })

  it('does not send on Enter during IME composition', async () => {
    const popup = await PopupPage.open(suite.ext, 'ime')
    const composer = popup.composer()
    await composer.fill('ni hao')
    await composer.dispatchEvent('compositionstart')
    await composer.evaluate((el) =>
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true, isComposing: true })),
    )
    await composer.dispatchEvent('compositionend')
    await popup.page.waitForTimeout(300)
    expect(sends()).toHaveLength(0)
    expect(await composer.inputValue()).toBe('ni hao')
    await composer.press('Enter')
    await popup.waitForAnswer(0)
    expect(sends()).toHaveLength(1)
    await popup.close()
  })
})
