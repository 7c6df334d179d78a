/** The popup as a person uses it: type, press Enter, read answers, click the buttons. */
import type { Page } from 'playwright-core'
import type { LaunchedExtension } from './launch'
import type { JobSnapshot } from '../../src/shared/messaging/protocol'

export class PopupPage {
  constructor(
    readonly page: Page,
    readonly threadKey = 'popup',
  ) {}

  static async open(ext: LaunchedExtension, threadKey?: string): Promise<PopupPage> {
    const page = await ext.context.newPage()
    const query = threadKey ? `?thread=${encodeURIComponent(threadKey)}` : ''
    await page.goto(ext.url(`src/popup/index.html${query}`))
    await page.getByTestId('composer').waitFor()
    return new PopupPage(page, threadKey)
  }

  composer() {
    return this.page.getByTestId('composer')
  }

  async ask(prompt: string): Promise<void> {
    await this.composer().fill(prompt)
    await this.composer().press('Enter')
  }

  answers() {
    return this.page.getByTestId('answer')
  }

  /** Waits until the n-th answer (0-based) reaches a final status, and returns that status. */
  async waitForAnswer(index: number, status = 'complete', timeout = 30_000): Promise<void> {
    await this.page.locator(`[data-testid=answer][data-status=${status}]`).nth(index).waitFor({ timeout, state: 'attached' })
  }

  /** The rendered answer text (without the screen-reader label). */
  async answerText(index: number): Promise<string> {
    return this.answers().nth(index).locator('.md').innerText()
  }

  /** The answer exactly as the worker stored it (what Copy copies), read from extension storage. */
  async storedJobs(): Promise<JobSnapshot[]> {
    const key = `thread:${this.threadKey}`
    return this.page.evaluate(async (k) => {
      const record = (await chrome.storage.local.get(k))[k] as { jobs: JobSnapshot[] } | undefined
      return record?.jobs ?? []
    }, key)
  }

  async close(): Promise<void> {
    await this.page.close()
  }
}
