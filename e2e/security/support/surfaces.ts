/**
 * The surfaces that render model output, behind one interface so each security suite runs the
 * same payloads through all of them: the toolbar popup, the chat page (omnibox, "Open in tab") and
 * the selection overlay (an extension iframe in a web page, opened by the context-menu click and
 * continued from its own composer). The overlay needs the extension launched with
 * `launchForSelection` (Chromium grants activeTab through the toolbar action) and a web page.
 */
import type { Frame, Page } from 'playwright-core'
import type { LaunchedExtension } from '../../harness/launch'
import { PopupPage } from '../../harness/popup-page'
import type { PageServer } from '../../pages/page-server'
import { clickMenu, grantActiveTab, openTab, overlayFrame, selectText, storedJobs } from '../../pages/selection-harness'

/** An answer that reached a final status. */
const FINAL = '[data-testid=answer]:not([data-status=streaming]):not([data-status=requesting]):not([data-status=queued])'

export interface AnswerSurface {
  name: string
  /** The tab. */
  page: Page
  /** Where the answers render: the page itself, or the overlay's frame inside the web page. */
  readonly view: Page | Frame
  /** Sends a question the way a person does; the next queued stand-in answer comes back. */
  ask(prompt: string): Promise<void>
  /** Waits until answer `index` (0-based) is final, and returns its status. */
  waitForFinal(index: number, timeoutMs?: number): Promise<string>
  /** The text the worker stored for answer `index`. */
  storedText(index: number): Promise<string>
  close(): Promise<void>
}

export async function openPopupSurface(ext: LaunchedExtension, threadKey: string): Promise<AnswerSurface> {
  const popup = await PopupPage.open(ext, threadKey)
  return {
    name: 'popup',
    page: popup.page,
    view: popup.page,
    ask: (prompt) => popup.ask(prompt),
    async waitForFinal(index, timeoutMs = 30_000) {
      const answer = popup.page.locator(FINAL).nth(index)
      await answer.waitFor({ state: 'attached', timeout: timeoutMs })
      return (await answer.getAttribute('data-status')) ?? ''
    },
    async storedText(index) {
      return (await popup.storedJobs())[index]?.text ?? ''
    },
    close: () => popup.close(),
  }
}

/** The chat page on thread `chat-page:<name>`, asked through its composer like the popup. */
export async function openChatPageSurface(ext: LaunchedExtension, name: string): Promise<AnswerSurface> {
  const threadKey = `chat-page:${name}`
  const page = await ext.context.newPage()
  await page.goto(ext.url(`src/chat/index.html#${encodeURIComponent(threadKey)}`))
  const composer = page.getByTestId('composer')
  await composer.waitFor()
  return {
    name: 'chat page',
    page,
    view: page,
    async ask(prompt) {
      await composer.fill(prompt)
      await composer.press('Enter')
    },
    async waitForFinal(index, timeoutMs = 30_000) {
      const answer = page.locator(FINAL).nth(index)
      await answer.waitFor({ state: 'attached', timeout: timeoutMs })
      return (await answer.getAttribute('data-status')) ?? ''
    },
    async storedText(index) {
      return page.evaluate(
        async ({ key, i }) => {
          const record = (await chrome.storage.local.get(key))[key] as { jobs: Array<{ text: string }> } | undefined
          return record?.jobs[i]?.text ?? ''
        },
        { key: `thread:${threadKey}`, i: index },
      )
    },
    close: () => page.close(),
  }
}

/**
 * The overlay on a fresh tab of the test article: the first `ask` selects a paragraph and fires
 * the context-menu click (the selection is the question), later ones use the overlay's composer.
 */
export async function openOverlaySurface(ext: LaunchedExtension, web: PageServer): Promise<AnswerSurface> {
  const tab = await openTab(ext, web.url('article.html'))
  await grantActiveTab(ext, tab)
  let frame: Frame | undefined
  const inFrame = () => {
    if (!frame) throw new Error('the overlay opens with the first question')
    return frame
  }
  return {
    name: 'overlay',
    page: tab.page,
    get view() {
      return inFrame()
    },
    async ask(prompt) {
      if (!frame) {
        const selection = await selectText(tab.page, '#para')
        await clickMenu(ext, tab, 'ask-selection', selection)
        frame = await overlayFrame(tab.page)
        return
      }
      const composer = frame.getByTestId('composer')
      await composer.fill(prompt)
      await composer.press('Enter')
    },
    async waitForFinal(index, timeoutMs = 30_000) {
      const answer = inFrame().locator(FINAL).nth(index)
      await answer.waitFor({ state: 'attached', timeout: timeoutMs })
      return (await answer.getAttribute('data-status')) ?? ''
    },
    async storedText(index) {
      return (await storedJobs(ext, tab.tabId))[index]?.text ?? ''
    },
    close: () => tab.page.close(),
  }
}

/**
 * Every surface present in this build, each on a fresh thread; the overlay too when a web page
 * server is given (and the extension was launched with `launchForSelection`).
 */
export async function openSurfaces(ext: LaunchedExtension, threadKey: string, web?: PageServer): Promise<AnswerSurface[]> {
  const surfaces = [await openPopupSurface(ext, `${threadKey}-popup`), await openChatPageSurface(ext, threadKey)]
  if (web) surfaces.push(await openOverlaySurface(ext, web))
  return surfaces
}
