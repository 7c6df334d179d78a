/**
 * Selection templates edited in the options page change the right-click menu at once and the
 * prompt the next click sends (issue 5): rename, edit, hide, reorder, add, restore defaults.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { quoteSelection } from '../src/background/selection/build-prompt'
import { TEMPLATES_KEY, type SelectionTemplate } from '../src/background/selection/templates'
import { clickMenu, grantActiveTab, openTab, overlayFrame, selectText, SEND, sentPrompt, useSelectionSuite, waitForAnswer } from './pages/selection-harness'

const suite = useSelectionSuite()

const sends = () => suite.standIn.log.filter((e) => e.method === 'POST' && e.path === SEND)

/** Whether the worker's menu has an item with this id (Chrome has no API to list them). */
const menuHas = (id: string) =>
  suite.ext.worker.evaluate((itemId) => new Promise<boolean>((resolve) => chrome.contextMenus.update(itemId, {}, () => resolve(!chrome.runtime.lastError))), id)

const storedTemplates = () =>
  suite.ext.worker.evaluate(async (key) => ((await chrome.storage.local.get(key))[key] as SelectionTemplate[] | undefined) ?? [], TEMPLATES_KEY)

const template = (options: Page, id: string) => options.locator(`[data-testid=template][data-template-id="${id}"]`)

describe('selection templates in the options page', () => {
  it('rename, edit, hide, reorder and add change the menu and the prompts sent; restore brings the defaults back', async () => {
    await expect.poll(() => menuHas('ask-selection:summarize'), { timeout: 5_000 }).toBe(true)
    const options = await suite.ext.context.newPage()
    await options.goto(suite.ext.url('src/options/index.html'))
    await template(options, 'explain').waitFor()

    await template(options, 'explain').getByTestId('template-name').fill('Define')
    await template(options, 'explain').getByTestId('template-text').fill('Define this for a child: {{selection}}\nIt is from {{title}}.')
    await template(options, 'summarize').getByTestId('template-hidden').check()
    await template(options, 'polish').getByTestId('template-up').click()
    await options.getByTestId('template-add').click()
    const added = options.getByTestId('template').last()
    const addedId = (await added.getAttribute('data-template-id'))!
    await added.getByTestId('template-name').fill('Haiku')
    await added.getByTestId('template-text').fill('Write a haiku about this: {{selection}}')

    await expect
      .poll(async () => (await storedTemplates()).map((t) => `${t.id}:${t.name}:${t.hidden}`), { timeout: 5_000 })
      .toEqual([
        'explain:Define:false',
        'translate-en:Translate to English:false',
        'translate-zh:翻译成中文:false',
        'polish:Polish writing:false',
        'summarize:Summarize:true',
        'explain-code:Explain code:false',
        `${addedId}:Haiku:false`,
      ])
    // The menu follows storage at once: the hidden one is gone, the new one is there.
    await expect.poll(() => menuHas('ask-selection:summarize')).toBe(false)
    await expect.poll(() => menuHas(`ask-selection:${addedId}`)).toBe(true)
    expect(await menuHas('ask-selection:explain')).toBe(true)

    const tab = await openTab(suite.ext, suite.pages.url('article.html'))
    await grantActiveTab(suite.ext, tab)
    const selection = await selectText(tab.page, '#para')
    await clickMenu(suite.ext, tab, 'ask-selection:explain', selection)
    const frame = await overlayFrame(tab.page)
    await waitForAnswer(frame, 0)
    expect(sentPrompt(sends()[0]!.body)).toBe(`Define this for a child: \n${quoteSelection(selection)}\nIt is from "A test article".`)

    await clickMenu(suite.ext, tab, `ask-selection:${addedId}`, selection)
    await waitForAnswer(frame, 1)
    expect(sentPrompt(sends()[1]!.body)).toBe(`Write a haiku about this: \n${quoteSelection(selection)}`)

    await options.getByTestId('templates-restore').click()
    await expect.poll(() => menuHas('ask-selection:summarize')).toBe(true)
    await expect.poll(() => menuHas(`ask-selection:${addedId}`)).toBe(false)
    expect((await storedTemplates()).map((t) => t.name)).toEqual(['Explain', 'Translate to English', '翻译成中文', 'Summarize', 'Polish writing', 'Explain code'])
    expect(suite.standIn.violations()).toEqual([])
    await tab.page.close()
    await options.close()
  })

  it('the bare menu item asks the first visible template', async () => {
    const templates = (await storedTemplates()).map((t) => ({ ...t, hidden: t.id !== 'summarize' }))
    await suite.ext.worker.evaluate(([key, value]) => chrome.storage.local.set({ [key as string]: value }), [TEMPLATES_KEY, templates] as const)
    await expect.poll(() => menuHas('ask-selection:explain')).toBe(false)
    const tab = await openTab(suite.ext, suite.pages.url('article.html'))
    await grantActiveTab(suite.ext, tab)
    const selection = await selectText(tab.page, '#para')
    await clickMenu(suite.ext, tab, 'ask-selection', selection)
    await waitForAnswer(await overlayFrame(tab.page), 0)
    expect(sentPrompt(sends()[0]!.body)).toMatch(/^Summarize the following text in a few bullet points\./)
    await tab.page.close()
  })
})
