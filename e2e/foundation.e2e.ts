/**
 * Foundation, in a real Chromium: the worker starts, the popup opens with a composer, the session
 * cookie turns into an access token at the stand-in, and a logged-out browser is told to log in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStandIn, type StandIn } from '../test/chatgpt-stand-in/index'
import { launchExtension, type LaunchedExtension } from './harness/launch'

let standIn: StandIn

beforeAll(async () => {
  standIn = await startStandIn({ era: '2026' })
})
afterAll(async () => {
  await standIn?.close()
})

describe('logged in', () => {
  let ext: LaunchedExtension
  beforeAll(async () => {
    ext = await launchExtension({ standIn, loggedIn: true })
  })
  afterAll(async () => {
    await ext?.close()
  })

  it('starts the module service worker of this extension', () => {
    expect(ext.worker.url()).toBe(`chrome-extension://${ext.extensionId}/service-worker-loader.js`)
  })

  it('creates the ask-selection context menu on install', async () => {
    const menuExists = () =>
      ext.worker.evaluate(
        () => new Promise<boolean>((resolve) => chrome.contextMenus.update('ask-selection', {}, () => resolve(!chrome.runtime.lastError))),
      )
    // onInstalled runs shortly after the worker starts.
    await expect.poll(menuExists, { timeout: 5_000 }).toBe(true)
  })

  it('opens the popup with a focused composer and gets the token with the session cookie', async () => {
    standIn.reset()
    const page = await ext.context.newPage()
    await page.goto(ext.url('src/popup/index.html'))
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('composer')
    const session = await standIn.waitFor((e) => e.path === '/api/auth/session')
    expect(session.cookies[standIn.loginCookie.name]).toBe(standIn.loginCookie.value)
    expect(session.status).toBe(200)
    await page.waitForTimeout(300)
    expect(await page.getByTestId('error-notice').count()).toBe(0)
    await page.close()
  })
})

describe('logged out', () => {
  let ext: LaunchedExtension
  beforeAll(async () => {
    ext = await launchExtension({ standIn, loggedIn: false })
  })
  afterAll(async () => {
    await ext?.close()
  })

  it('tells the user to log in at chatgpt.com, with a link there', async () => {
    const page = await ext.context.newPage()
    await page.goto(ext.url('src/popup/index.html'))
    const notice = page.getByTestId('error-notice')
    await expect.poll(() => notice.getAttribute('data-code')).toBe('not-logged-in')
    const action = notice.getByTestId('error-action')
    await expect.poll(() => action.textContent()).toMatch(/log in/i)
    await page.close()
  })
})
