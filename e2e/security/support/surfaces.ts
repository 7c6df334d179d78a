/**
 * The surfaces that render model output, behind one interface so each security suite runs the
 * same payloads through all of them. Today that is the toolbar popup; the selection overlay and
 * the omnibox chat page join here when they exist.
 */
import type { Page } from 'playwright-core'
import type { LaunchedExtension } from '../../harness/launch'
import { PopupPage } from '../../harness/popup-page'

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
      const answer = popup.page.locator('[data-testid=answer]:not([data-status=streaming]):not([data-status=requesting]):not([data-status=queued])').nth(index)
      await answer.waitFor({ state: 'attached', timeout: timeoutMs })
      return (await answer.getAttribute('data-status')) ?? ''
    },
    async storedText(index) {
      return (await popup.storedJobs())[index]?.text ?? ''
    },
    close: () => popup.close(),
  }
}

/** Every surface present in this build, opened on a fresh thread. */
export async function openSurfaces(ext: LaunchedExtension, threadKey: string): Promise<AnswerSurface[]> {
  return [await openPopupSurface(ext, `${threadKey}-popup`)]
}
