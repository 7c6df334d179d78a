/**
 * The surfaces that render model output, behind one interface so each security suite runs the
 * same payloads through all of them: the toolbar popup and the chat page (omnibox, "Open in tab").
 * The selection overlay is driven differently (a context-menu click on a web page) and has its own
 * helper in the suites that cover it.
 */
import type { Page } from 'playwright-core'
import type { LaunchedExtension } from '../../harness/launch'
import { PopupPage } from '../../harness/popup-page'

/** An answer that reached a final status. */
const FINAL = '[data-testid=answer]:not([data-status=streaming]):not([data-status=requesting]):not([data-status=queued])'

export interface AnswerSurface {
  name: string
  page: Page
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

/** Every extension-page surface present in this build, each opened on a fresh thread. */
export async function openSurfaces(ext: LaunchedExtension, threadKey: string): Promise<AnswerSurface[]> {
  return [await openPopupSurface(ext, `${threadKey}-popup`), await openChatPageSurface(ext, threadKey)]
}
