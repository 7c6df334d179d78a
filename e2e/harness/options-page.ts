/** The options page as a person uses it, plus what the issue-7 suites check on the stand-in. */
import type { Download, Page } from 'playwright-core'
import { readFileSync } from 'node:fs'
import { createBrowserLikeFetch, type StandIn } from '../../test/chatgpt-stand-in/index'
import type { LaunchedExtension } from './launch'

export class OptionsPage {
  constructor(readonly page: Page) {}

  static async open(ext: LaunchedExtension): Promise<OptionsPage> {
    const page = await ext.context.newPage()
    await page.goto(ext.url('src/options/index.html'))
    await page.getByTestId('privacy-popup').waitFor()
    return new OptionsPage(page)
  }

  /** Picks a privacy mode for a surface and waits until storage has it. */
  async setPrivacy(surface: string, mode: string): Promise<void> {
    await this.page.getByTestId(`privacy-${surface}`).selectOption(mode)
    await this.page.waitForFunction(
      async ([s, m]) => ((await chrome.storage.local.get('settings:v1'))['settings:v1'] as { privacy?: Record<string, string> } | undefined)?.privacy?.[s!] === m,
      [surface, mode],
    )
  }

  historyItems() {
    return this.page.getByTestId('history-item')
  }

  async historyKeys(): Promise<string[]> {
    return this.historyItems().evaluateAll((rows) => rows.map((row) => row.getAttribute('data-thread') ?? ''))
  }

  async search(query: string): Promise<void> {
    await this.page.getByTestId('history-search').fill(query)
  }

  /** Clicks an export button and returns the downloaded file's name and text. */
  async download(click: () => Promise<void>): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), click()])
    return { name: (download as Download).suggestedFilename(), text: readFileSync(await (download as Download).path(), 'utf8') }
  }
}

/** Conversation ids in the account's ChatGPT sidebar, as chatgpt.com (the stand-in) lists them. */
export async function sidebarConversations(standIn: StandIn): Promise<string[]> {
  const fetch = createBrowserLikeFetch(standIn, { cookies: { [standIn.loginCookie.name]: standIn.loginCookie.value } })
  try {
    const session = (await (await fetch('https://chatgpt.com/api/auth/session')).json()) as { accessToken: string }
    const list = await fetch('https://chatgpt.com/backend-api/conversations?offset=0&limit=100', {
      headers: { Authorization: `Bearer ${session.accessToken}` },
    })
    return ((await list.json()) as { items: { id: string }[] }).items.map((item) => item.id)
  } finally {
    await fetch.close()
  }
}

/** Stops the extension's service worker the way Chrome's idle timer does (F20). */
export async function stopServiceWorker(ext: LaunchedExtension): Promise<void> {
  const cdp = await ext.context.browser()!.newBrowserCDPSession()
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] }
    const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(ext.extensionId))
    if (worker) await cdp.send('Target.closeTarget', { targetId: worker.targetId })
  } finally {
    await cdp.detach()
  }
}
