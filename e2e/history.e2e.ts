/**
 * Local history (issue 7) across a browser restart on the same profile: the options page lists
 * every thread, search finds one by a word of its answer, export gives the expected Markdown,
 * resume continues the ChatGPT conversation in the chat page, delete removes it. A thread whose
 * conversation was deleted from ChatGPT explains that on resume instead of failing silently.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStandIn, type StandIn } from '../test/chatgpt-stand-in/index'
import type { JobSnapshot } from '../src/shared/messaging/protocol'
import { launchExtension, type LaunchedExtension } from './harness/launch'
import { OptionsPage } from './harness/options-page'
import { PopupPage } from './harness/popup-page'

const SEND = '/backend-api/f/conversation'
const ZEBRA_ANSWER = 'Zebras have **stripes** that confuse biting flies.\n\n- every pattern is unique'
let standIn: StandIn
let ext: LaunchedExtension
const profileDir = mkdtempSync(join(tmpdir(), 'ask-anywhere-history-'))

interface StoredThread {
  state: { threadKey: string; conversationId?: string; parentMessageId?: string; title?: string }
  jobs: JobSnapshot[]
}

async function storedThreads(page: PopupPage['page']): Promise<StoredThread[]> {
  return page.evaluate(async () => Object.entries(await chrome.storage.local.get(null)).filter(([k]) => k.startsWith('thread:')).map(([, v]) => v as StoredThread))
}

const iso = (ms: number) => new Date(ms).toISOString()

beforeAll(async () => {
  standIn = await startStandIn({ era: '2026' })
  ext = await launchExtension({ standIn, loggedIn: true, profileDir })
})
afterAll(async () => {
  await ext?.close()
  await standIn?.close()
  rmSync(profileDir, { recursive: true, force: true })
})

describe('history', () => {
  let zebra: StoredThread

  it('keeps every conversation: New chat files the old one under its own key', async () => {
    const popup = await PopupPage.open(ext)
    standIn.queueAnswer({ text: ZEBRA_ANSWER, title: 'Zebra stripes' })
    await popup.ask('Why do zebras have stripes?')
    await popup.waitForAnswer(0)
    standIn.queueAnswer({ text: 'Mostly in eastern and southern Africa.' })
    await popup.ask('Where do they live?')
    await popup.waitForAnswer(1)
    await popup.page.getByTestId('new-chat').click()
    await expect.poll(() => popup.answers().count()).toBe(0)
    standIn.queueAnswer({ text: 'Penguins live in the southern hemisphere.', title: 'Penguins' })
    await popup.ask('Tell me about penguins')
    await popup.waitForAnswer(0)
    const threads = await storedThreads(popup.page)
    zebra = threads.find((t) => t.state.title === 'Zebra stripes')!
    expect(zebra.state.threadKey).toMatch(/^h-/)
    expect(zebra.jobs.map((j) => j.prompt)).toEqual(['Why do zebras have stripes?', 'Where do they live?'])
    expect(threads.find((t) => t.state.threadKey === 'popup')?.state.title).toBe('Penguins')
    await popup.close()
  })

  it('survives a browser restart: search by a word of an answer, export, resume, delete', async () => {
    await ext.close({ keepProfile: true })
    ext = await launchExtension({ standIn, loggedIn: true, profileDir })
    const options = await OptionsPage.open(ext)
    await expect.poll(() => options.historyKeys()).toEqual(['popup', zebra.state.threadKey])
    expect(await options.historyItems().first().getByTestId('history-title').innerText()).toBe('Penguins')

    // "pattern" occurs only in the zebra thread's first answer.
    await options.search('PATTERN')
    await expect.poll(() => options.historyKeys()).toEqual([zebra.state.threadKey])
    expect(await options.historyItems().first().getByTestId('history-snippet').innerText()).toContain('every pattern is unique')

    const [first, second] = zebra.jobs
    const exported = await options.download(() => options.historyItems().first().getByTestId('history-export').click())
    expect(exported.name).toBe('Zebra-stripes.md')
    expect(exported.text).toBe(
      [
        '# Zebra stripes',
        '',
        '- Asked from: Toolbar popup',
        `- Model: ${second!.model}`,
        '- Privacy: Keep in ChatGPT history',
        `- Created: ${iso(first!.createdAt)}`,
        `- Last used: ${iso(second!.updatedAt)}`,
        `- ChatGPT: https://chatgpt.com/c/${zebra.state.conversationId}`,
        '',
        '## You',
        '',
        'Why do zebras have stripes?',
        '',
        '## ChatGPT',
        '',
        ZEBRA_ANSWER,
        '',
        '## You',
        '',
        'Where do they live?',
        '',
        '## ChatGPT',
        '',
        'Mostly in eastern and southern Africa.',
        '',
      ].join('\n'),
    )

    // Resume opens the chat page on that thread; a follow-up continues the same ChatGPT conversation.
    const [chat] = await Promise.all([ext.context.waitForEvent('page'), options.historyItems().first().getByTestId('history-resume').click()])
    await chat.waitForURL(/src\/chat\/index\.html#/)
    expect(decodeURIComponent(new URL(chat.url()).hash.slice(1))).toBe(zebra.state.threadKey)
    const resumed = new PopupPage(chat, zebra.state.threadKey)
    await expect.poll(() => resumed.answers().count()).toBe(2)
    const sendsBefore = standIn.log.filter((e) => e.method === 'POST' && e.path === SEND).length
    await resumed.ask('And what do they eat?')
    await resumed.waitForAnswer(2)
    const follow = standIn.log.filter((e) => e.method === 'POST' && e.path === SEND)[sendsBefore]!.body as Record<string, unknown>
    expect(follow.conversation_id).toBe(zebra.state.conversationId)
    expect(follow.parent_message_id).toBe(second!.messageId)
    expect(standIn.violations()).toEqual([])

    // Export everything: both threads, newest first.
    await options.page.bringToFront()
    await options.search('')
    const all = await options.download(() => options.page.getByTestId('history-export-all').click())
    expect(all.name).toMatch(/^ask-anywhere-history-\d{4}-\d{2}-\d{2}\.md$/)
    expect(all.text.indexOf('# Zebra stripes')).toBeLessThan(all.text.indexOf('# Penguins'))
    expect(all.text).toContain('And what do they eat?')

    await options.page.locator(`[data-testid=history-item][data-thread="${zebra.state.threadKey}"] [data-testid=history-delete]`).click()
    await expect.poll(() => options.historyKeys()).toEqual(['popup'])
    const left = await storedThreads(options.page)
    expect(left.filter((t) => t.jobs.length > 0).map((t) => t.state.threadKey)).toEqual(['popup'])
    await options.search('stripes')
    await expect.poll(() => options.page.getByTestId('history-empty').innerText()).toContain('stripes')
    await chat.close()
    await options.page.close()
  })

  it('resuming a conversation deleted from ChatGPT says so and offers a new chat', async () => {
    const options = await OptionsPage.open(ext)
    await options.setPrivacy('popup', 'delete-after')
    const popup = await PopupPage.open(ext, 'gone-soon')
    await popup.ask('Something private')
    await popup.waitForAnswer(0)
    const [job] = await popup.storedJobs()
    await standIn.waitFor((e) => e.method === 'PATCH' && e.path === `/backend-api/conversation/${job!.conversationId}` && e.status === 200)
    await popup.close()

    await options.page.reload()
    const row = options.page.locator('[data-testid=history-item][data-thread="gone-soon"]')
    expect(await row.innerText()).toContain('Deleted after use')
    const [chat] = await Promise.all([ext.context.waitForEvent('page'), row.getByTestId('history-resume').click()])
    const resumed = new PopupPage(chat, 'gone-soon')
    await expect.poll(() => resumed.answers().count()).toBe(1)
    await resumed.ask('A follow-up')
    const notice = chat.locator('.job [data-testid=error-notice][data-code=conversation-not-found]')
    await notice.waitFor({ timeout: 20_000 })
    expect(await notice.getByTestId('error-action').innerText()).toMatch(/new chat/i)
    await chat.close()
    await options.setPrivacy('popup', 'keep')
    await options.page.close()
  })
})
