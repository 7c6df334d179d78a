/**
 * Driving "Ask about selection" in headless Chromium. Two things a person does cannot be done
 * headless, so they are done as close to the real thing as Chromium allows:
 *
 * - The native context menu can't be clicked: the worker's own `contextMenus.onClicked` is
 *   dispatched with the tab and the selection (toolchain.md §4).
 * - A real menu click grants `activeTab`; a dispatched one does not. The grant is made by
 *   Chromium itself through the toolbar action (CDP `Extensions.triggerAction`, which needs
 *   `--enable-unsafe-extension-debugging`), after switching that tab's popup off so no popup
 *   opens. The extension still has no host permission for the page: without this grant the
 *   injection fails (a test proves it).
 */
import type { Frame, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import type { StandIn } from '../../test/chatgpt-stand-in/index'
import type { JobSnapshot } from '../../src/shared/messaging/protocol'
import { useBrowserSuite, type BrowserSuite } from '../harness/browser-suite'
import { launchExtension, type LaunchedExtension } from '../harness/launch'
import { startPageServer, type PageServer } from './page-server'

export const SEND = '/backend-api/f/conversation'
export const OVERLAY_PATH = '/src/overlay/index.html'

/** What a selection test file shares: the stand-in, the test pages and the selection-ready browser. */
export interface SelectionSuite extends BrowserSuite {
  pages: PageServer
}

/** Chromium flag that lets a test make Chromium grant activeTab (see grantActiveTab). */
const SELECTION_ARGS = ['--enable-unsafe-extension-debugging']

/**
 * `useBrowserSuite` with the selection-ready browser (`launchForSelection`), plus one page server
 * for the calling test file. The fields are set once `beforeAll` has run: read them inside tests
 * and hooks. `resetEachTest: false` keeps the stand-in's conversations across the file's tests.
 */
export function useSelectionSuite({ resetEachTest = true } = {}): SelectionSuite {
  const suite = useBrowserSuite({ launch: { extraArgs: SELECTION_ARGS }, resetEachTest }) as SelectionSuite
  beforeAll(async () => {
    suite.pages = await startPageServer()
  })
  afterAll(async () => {
    await suite.pages?.close()
  })
  return suite
}

/** `launchExtension` plus the flag that lets a test make Chromium grant activeTab. */
export function launchForSelection(standIn: StandIn): Promise<LaunchedExtension> {
  return launchExtension({ standIn, loggedIn: true, extraArgs: SELECTION_ARGS })
}

export interface TestTab {
  page: Page
  tabId: number
}

let opened = 0

/** Opens `url` in a new foreground tab and finds its tab id (no "tabs" permission: the active tab). */
export async function openTab(ext: LaunchedExtension, url: string): Promise<TestTab> {
  const page = await ext.context.newPage()
  // A unique URL per tab, so the CDP tab target can be told apart.
  opened += 1
  await page.goto(`${url}${url.includes('?') ? '&' : '?'}tab=${opened}`)
  await page.bringToFront()
  const tabId = await ext.worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id ?? -1)
  if (tabId < 0) throw new Error('no active tab')
  return { page, tabId }
}

/** Makes Chromium grant activeTab for the tab, as the user's menu click would. */
export async function grantActiveTab(ext: LaunchedExtension, tab: TestTab): Promise<void> {
  await ext.worker.evaluate((tabId) => chrome.action.setPopup({ tabId, popup: '' }), tab.tabId)
  const cdp = await ext.context.browser()!.newBrowserCDPSession()
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] })) as { targetInfos: { targetId: string; url: string }[] }
    const target = targetInfos.find((t) => t.url === tab.page.url())
    if (!target) throw new Error(`no tab target for ${tab.page.url()}`)
    await cdp.send('Extensions.triggerAction' as never, { id: ext.extensionId, targetId: target.targetId } as never)
  } finally {
    await cdp.detach()
  }
}

/** Selects the text of the element matched by `selector`, as a mouse drag would; returns it. */
export async function selectText(page: Page, selector: string): Promise<string> {
  return page.evaluate((sel) => {
    const element = document.querySelector(sel)
    if (!element) throw new Error(`nothing matches ${sel}`)
    const range = document.createRange()
    range.selectNodeContents(element)
    const selection = getSelection()!
    selection.removeAllRanges()
    selection.addRange(range)
    return selection.toString()
  }, selector)
}

/** Fires the worker's menu-click event for `menuItemId`, with the tab and selection Chrome would pass. */
export async function clickMenu(ext: LaunchedExtension, tab: TestTab, menuItemId: string, selectionText: string): Promise<void> {
  await ext.worker.evaluate(
    async ({ tabId, menuItemId, selectionText, pageUrl }) => {
      const browserTab = await chrome.tabs.get(tabId)
      const onClicked = chrome.contextMenus.onClicked as unknown as { dispatch(info: object, tab: chrome.tabs.Tab): void }
      onClicked.dispatch({ menuItemId, selectionText, pageUrl, frameId: 0, editable: false }, browserTab)
    },
    { tabId: tab.tabId, menuItemId, selectionText, pageUrl: tab.page.url() },
  )
}

/** The overlay iframe in `page`, once it has loaded. */
export async function overlayFrame(page: Page, timeoutMs = 10_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const frame = page.frames().find((f) => f.url().includes(`${OVERLAY_PATH}#`))
    if (frame) {
      await frame.locator('.overlay').waitFor({ timeout: Math.max(1, deadline - Date.now()) })
      return frame
    }
    if (Date.now() > deadline) throw new Error('the overlay did not appear')
    await page.waitForTimeout(50)
  }
}

/** Whether the page still has the overlay's host element. */
export function hasOverlayHost(page: Page): Promise<boolean> {
  return page.evaluate(() => document.querySelector('ask-anywhere-overlay') !== null)
}

/** The tab's thread as the worker stored it. */
export async function storedJobs(ext: LaunchedExtension, tabId: number): Promise<JobSnapshot[]> {
  return ext.worker.evaluate(async (key) => {
    const record = (await chrome.storage.local.get(key))[key] as { jobs: JobSnapshot[] } | undefined
    return record?.jobs ?? []
  }, `thread:tab:${tabId}`)
}

/** Waits until answer `index` in the overlay has `status`. */
export async function waitForAnswer(frame: Frame, index: number, status = 'complete', timeout = 30_000): Promise<void> {
  await frame.locator(`[data-testid=answer][data-status=${status}]`).nth(index).waitFor({ timeout, state: 'attached' })
}

/** The prompt of the n-th send the stand-in saw. */
export function sentPrompt(body: unknown): string {
  const messages = (body as { messages?: { content: { parts: string[] } }[] }).messages
  return messages?.[0]?.content.parts[0] ?? ''
}
