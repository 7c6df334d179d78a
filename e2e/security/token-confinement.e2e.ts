/**
 * Token confinement (threats T5, T9; goal G3). Full sessions of every surface run against the
 * stand-in: the popup (ask, follow-up, regenerate, continue, stop, an expired token refreshed
 * mid-session, a refused send, new chat, close and reopen mid-answer), the chat page and the
 * omnibox, the selection overlay in a web page with a follow-up, the options page with its model
 * list and connection check, and a send relayed through a chatgpt.com tab. Then the access tokens
 * the stand-in issued must appear in no page or frame DOM, no console line (pages and worker), no
 * message a page exchanged with the worker and no message the worker posted on any port (UI
 * pages, the overlay iframe, the relay in the chatgpt.com tab), nothing a page can read
 * (`storage.local`, `storage.sync`, `localStorage`, Cache Storage), and nowhere in the profile
 * directory after the browser closed; `Authorization` went to exactly one origin, chatgpt.com.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Frame, Page } from 'playwright-core'
import { createBrowserLikeFetch, faults, startStandIn, type StandIn } from '../../test/chatgpt-stand-in/index'
import type { LaunchedExtension } from '../harness/launch'
import { PopupPage } from '../harness/popup-page'
import { startPageServer, type PageServer } from '../pages/page-server'
import { launchForSelection } from '../pages/selection-harness'
import { openChatPageSurface, openOverlaySurface } from './support/surfaces'
import { recordPortTraffic, type PortTraffic } from './support/port-recorder'
import { logRequests, type RequestLog } from './support/request-log'
import { isConduitToken, JWT_SHAPE, scanDirectory, scanText, type SecretScan } from './support/secrets'

let standIn: StandIn
let ext: LaunchedExtension
let requests: RequestLog
let traffic: PortTraffic[]
const consoleLines: string[] = []
const domDumps: Array<{ where: string; html: string }> = []
/** The worker's token cache mid-session (read from an extension page, which may). */
let sessionAreaDuringSession = ''

let pages: PageServer

/** The page's (or frame's) markup plus what markup does not show: form values, open shadow roots. */
async function dumpDom(page: Page | Frame, where: string): Promise<void> {
  const html = await page.evaluate(() => {
    const parts = [document.documentElement.outerHTML]
    for (const el of Array.from(document.querySelectorAll('*'))) {
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) parts.push(el.value)
      if (el.shadowRoot) parts.push(el.shadowRoot.innerHTML)
    }
    parts.push(document.title, location.href)
    return parts.join('\n')
  })
  domDumps.push({ where, html })
}

/** Every bearer token the worker presented, plus the one the session endpoint issues now. */
async function issuedTokens(): Promise<string[]> {
  const fetch = createBrowserLikeFetch(standIn, { cookies: { [standIn.loginCookie.name]: standIn.loginCookie.value } })
  const session = (await (await fetch('https://chatgpt.com/api/auth/session')).json()) as { accessToken?: string }
  await fetch.close()
  const bearers = standIn.log.map((e) => e.headers.authorization?.replace(/^Bearer /, '')).filter((t): t is string => Boolean(t))
  return [...new Set([session.accessToken ?? '', ...bearers])].filter((t) => t.length > 20)
}

/** Every message the worker posts on any port, recorded in the worker (so content scripts count too). */
function recordWorkerPosts(): void {
  const g = globalThis as unknown as { __posted?: Array<{ name: string; url: string; message: string }> }
  if (g.__posted) return
  const posted: Array<{ name: string; url: string; message: string }> = []
  g.__posted = posted
  chrome.runtime.onConnect.addListener((port) => {
    const post = port.postMessage.bind(port)
    port.postMessage = (message: unknown) => {
      posted.push({ name: port.name, url: port.sender?.url ?? '', message: JSON.stringify(message) })
      post(message)
    }
  })
}

beforeAll(async () => {
  standIn = await startStandIn({ era: '2026' })
  pages = await startPageServer()
  // The selection harness's launch: Chromium can then grant activeTab for the overlay.
  ext = await launchForSelection(standIn)
  await ext.worker.evaluate(recordWorkerPosts)
  requests = logRequests(ext.context)
  traffic = await recordPortTraffic(ext.context)
  ext.context.on('console', (m) => consoleLines.push(`page: ${m.text()}`))
  const watchWorker = (worker: typeof ext.worker) => worker.on('console', (m) => consoleLines.push(`worker: ${m.text()}`))
  watchWorker(ext.worker)
  ext.context.on('serviceworker', watchWorker)
})
afterAll(async () => {
  await ext?.close()
  await standIn?.close()
  await pages?.close()
})

describe('token confinement', () => {
  it('runs a full popup session', async () => {
    const popup = await PopupPage.open(ext, 'token-session')
    standIn.queueAnswer({ text: 'First **answer** with a [link](https://example.com).' })
    await popup.ask('first question')
    await popup.waitForAnswer(0)
    await popup.ask('a follow-up')
    await popup.waitForAnswer(1)
    await popup.page.getByTestId('regenerate').click()
    await popup.waitForAnswer(2)

    standIn.queueAnswer({ text: 'A long answer cut at the token limit', finishReason: 'max_tokens' })
    await popup.ask('a long one')
    await popup.waitForAnswer(3)
    await popup.page.getByTestId('continue').click()
    await popup.waitForAnswer(4)

    // The token expires mid-session: the worker refreshes it and retries once.
    standIn.injectFault(faults.tokenExpired())
    await popup.ask('after expiry')
    await popup.waitForAnswer(5)

    // Close mid-answer, reopen, reattach.
    standIn.queueAnswer({ text: 'survives the popup closing. '.repeat(30), delayMs: 10 })
    await popup.ask('close me')
    await popup.page.locator('[data-testid=answer][data-status=streaming]').waitFor()
    await dumpDom(popup.page, 'popup (before close)')
    await popup.close()
    const again = await PopupPage.open(ext, 'token-session')
    await again.page.locator('[data-testid=answer][data-status=complete]').last().waitFor({ state: 'attached' })
    await again.page.getByTestId('new-chat').click()
    // As a person would: ask once the new chat shows. Until then the view is the old thread, whose
    // answer may still be streaming, and the composer does not send while an answer streams.
    await expect.poll(() => again.answers().count()).toBe(0)
    await again.ask('after new chat')
    await again.waitForAnswer(0)
    await dumpDom(again.page, 'popup')
    sessionAreaDuringSession = await again.page.evaluate(async () => JSON.stringify(await chrome.storage.session.get(null)))
    await again.close()

    // Stop, in a thread of its own.
    const other = await PopupPage.open(ext, 'token-stop')
    standIn.queueAnswer({ text: 'slow '.repeat(400), delayMs: 20 })
    await other.ask('stop me')
    await other.page.locator('[data-testid=answer][data-status=streaming]').waitFor()
    await other.page.getByTestId('stop').click()
    await other.waitForAnswer(0, 'stopped')
    await dumpDom(other.page, 'popup (stopped)')
    // Last, since the account then needs a check on chatgpt.com: a refused send shows its notice.
    standIn.injectFault(faults.unusualActivity())
    await other.ask('refused')
    await other.page.getByTestId('error-notice').first().waitFor()
    await dumpDom(other.page, 'popup (refused)')
    await other.close()
  })

  it('runs the chat page, the omnibox and the selection overlay', async () => {
    const chat = await openChatPageSurface(ext, 'token-chat')
    await chat.ask('on the chat page')
    await chat.waitForFinal(0)
    await chat.ask('and a follow-up')
    await chat.waitForFinal(1)
    await dumpDom(chat.page, 'chat page')
    await chat.close()

    // gpt <question> ↵ (new tab): the worker starts the job and opens the chat page on it.
    const [omnibox] = await Promise.all([
      ext.context.waitForEvent('page'),
      ext.worker.evaluate(() => (chrome.omnibox.onInputEntered as unknown as { dispatch(t: string, d: string): void }).dispatch('from the address bar', 'newForegroundTab')),
    ])
    await omnibox.locator('[data-testid=answer][data-status=complete]').first().waitFor({ state: 'attached' })
    await dumpDom(omnibox, 'chat page (omnibox)')
    await omnibox.close()

    const overlay = await openOverlaySurface(ext, pages)
    await overlay.ask('(the selection)')
    await overlay.waitForFinal(0)
    await overlay.ask('a follow-up in the overlay')
    await overlay.waitForFinal(1)
    await dumpDom(overlay.view, 'overlay frame')
    await dumpDom(overlay.page, 'web page around the overlay')
    await overlay.close()
  })

  it('runs a send relayed through a chatgpt.com tab', async () => {
    // The worker's own POSTs are refused as the real backend refuses them; the tab sends it.
    standIn.setMode({ requireOrigin: 'https://chatgpt.com' })
    const tab = await ext.context.newPage()
    await tab.goto('https://chatgpt.com/')
    const popup = await PopupPage.open(ext, 'token-relay')
    await popup.ask('through the tab')
    await popup.waitForAnswer(0)
    expect((await popup.storedJobs())[0]!.transport).toMatchObject({ via: 'relay' })
    await dumpDom(popup.page, 'popup (relayed)')
    await popup.close()
    await tab.close()
    standIn.setMode({ requireOrigin: null })
  })

  it('runs the options page: models and the connection check', async () => {
    const page = await ext.context.newPage()
    await page.goto(ext.url('src/options/index.html'))
    await page.locator('main').waitFor()
    const check = page.getByTestId('run-check')
    if (await check.count()) {
      await check.click()
      await page.locator('[data-testid=check-ok], [data-testid=check-failure]').first().waitFor({ timeout: 20_000 })
    }
    await dumpDom(page, 'options')
    await page.close()
  })

  it('leaves the token in no DOM, console line, port message or page-readable storage', async () => {
    const tokens = await issuedTokens()
    expect(tokens.length).toBeGreaterThan(0)
    // Positive controls: the worker's own cache (storage.session, trusted contexts only) did hold
    // this token, so the scan would see it; and console capture hears pages and the worker.
    expect(scanText('storage.session', sessionAreaDuringSession, tokens).length).toBeGreaterThan(0)
    const probe = await ext.context.newPage()
    await probe.goto(ext.url('src/popup/index.html?thread=token-probe'))
    await probe.evaluate(() => console.log('page console canary'))
    await (await ext.currentWorker()).evaluate(() => console.log('worker console canary'))
    await expect.poll(() => consoleLines.some((l) => l.includes('page console canary'))).toBe(true)
    await expect.poll(() => consoleLines.some((l) => l.includes('worker console canary'))).toBe(true)
    await probe.close()

    const found: SecretScan[] = []
    for (const { where, html } of domDumps) found.push(...scanText(`DOM ${where}`, html, tokens))
    for (const line of consoleLines) found.push(...scanText('console', line, tokens))
    for (const entry of traffic) found.push(...scanText(`${entry.direction} ${entry.channel}`, JSON.stringify(entry.message), tokens))
    const posted = await (await ext.currentWorker()).evaluate(
      () => (globalThis as unknown as { __posted: Array<{ name: string; url: string; message: string }> }).__posted,
    )
    for (const entry of posted) {
      const toRelay = entry.name.startsWith('ask-anywhere-relay:') && entry.url.startsWith('https://chatgpt.com/')
      found.push(...scanText(`worker → ${entry.name} @ ${entry.url}`, entry.message, tokens, toRelay))
    }
    const conduitsToRelay = posted.filter((p) => p.name.startsWith('ask-anywhere-relay:')).flatMap((p) => [...p.message.matchAll(JWT_SHAPE)].filter(([j]) => isConduitToken(j))).length
    const relayPosts = posted.filter((p) => p.name.startsWith('ask-anywhere-relay:')).length
    const overlayPosts = posted.filter((p) => p.url.includes('/src/overlay/')).length

    const page = await ext.context.newPage()
    await page.goto(ext.url('src/popup/index.html?thread=storage-dump'))
    const stores = await page.evaluate(async () => ({
      local: JSON.stringify(await chrome.storage.local.get(null)),
      sync: JSON.stringify(await chrome.storage.sync.get(null)),
      localStorage: JSON.stringify({ ...localStorage }),
      caches: JSON.stringify(await caches.keys()),
      indexedDB: JSON.stringify((await indexedDB.databases()).map((d) => d.name)),
    }))
    await page.close()
    for (const [name, text] of Object.entries(stores)) found.push(...scanText(`storage ${name}`, text, tokens))

    const authorized = requests.all.filter((r) => r.authorization)
    const authOrigins = [...new Set(authorized.map((r) => r.origin))]
    // Only the worker, and the relay inside a chatgpt.com tab (that page's own token), send it.
    const authSenders = [...new Set(authorized.map((r) => r.initiator))].sort()
    const standInAuthHosts = [...new Set(standIn.log.filter((e) => e.headers.authorization).map((e) => e.host))]
    console.log(
      `[token] ${tokens.length} issued token(s); scanned ${domDumps.length} DOM dumps, ${consoleLines.length} console lines, ` +
        `${traffic.length} page port/message payloads, ${posted.length} worker port posts (${overlayPosts} to the overlay, ${relayPosts} to the relay, carrying ${conduitsToRelay} per-turn conduit tokens and no access token), ` +
        `${Object.keys(stores).length} page-readable stores (${stores.local.length} bytes of storage.local) → ` +
        `${found.length} leaks; Authorization on ${authorized.length} requests to ${authOrigins.join(', ')}, sent by ${authSenders.join(' and ')}`,
    )
    expect(traffic.length).toBeGreaterThan(20)
    expect(overlayPosts).toBeGreaterThan(0)
    expect(relayPosts).toBeGreaterThan(0)
    expect(found).toEqual([])
    expect(authOrigins).toEqual(['https://chatgpt.com'])
    expect(standInAuthHosts).toEqual(['chatgpt.com'])
    expect(authSenders.filter((s) => s !== 'worker' && s !== 'https://chatgpt.com')).toEqual([])
  })

  it('leaves no token anywhere in the profile directory once the browser is closed', async () => {
    const tokens = await issuedTokens()
    const profileDir = ext.profileDir
    // Positive control: a value the worker did persist (its device id) is found on disk.
    const deviceId = await (await ext.currentWorker()).evaluate(async () => String((await chrome.storage.local.get('device-id'))['device-id']))
    // The context, not ext.close(): the profile stays on disk until afterAll removes it.
    await ext.context.close()
    expect(scanDirectory(profileDir, [deviceId]).found.length).toBeGreaterThan(0)
    const scan = scanDirectory(profileDir, tokens)
    // chatgpt.com's own HTML embeds the session (as the real site's bootstrap does), and the
    // browser caches the pages the test opened in a chatgpt.com tab, as it would for any visit.
    // That is the web page's own caching; what the extension fetches (/api, /backend-api) must
    // not be there, nor anything in extension storage.
    const sitePages = scan.found.filter((f) => f.cachedUrl && /^https:\/\/chatgpt\.com\/(favicon\.ico)?$/.test(f.cachedUrl))
    const leaks = scan.found.filter((f) => !sitePages.includes(f))
    console.log(
      `[token] profile directory: ${scan.files} files, ${(scan.bytes / 1024).toFixed(0)} KiB → ${leaks.length} holding a token ` +
        `(plus ${sitePages.length} HTTP-cache entries of chatgpt.com's own pages the test opened: ${sitePages.map((f) => f.cachedUrl).join(', ') || 'none'})`,
    )
    expect(leaks).toEqual([])
  })
})
