/**
 * The Firefox build in a real Firefox (Debian's firefox-esr, headless): installed as a temporary
 * add-on, its pages open, its background answers them, and nothing throws. chatgpt.com is the
 * stand-in, reached through a CONNECT proxy with the real host name; the extension is the
 * unmodified Firefox build of the working tree. Driven over WebDriver BiDi, which Firefox speaks
 * natively (Playwright's Firefox needs a patched build).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GECKO_ID } from '../../scripts/firefox-manifest'
import { buildTarget } from '../../scripts/release/build-target'
import { startStandIn, type StandIn } from '../chatgpt-stand-in/index'
import { connectBidi, type Bidi } from './firefox/bidi-client'
import { startConnectProxy, type ConnectProxy } from './firefox/connect-proxy'
import { launchFirefox, type LaunchedFirefox } from './firefox/launch-firefox'

const root = fileURLToPath(new URL('../..', import.meta.url))
/** Fixed moz-extension host for the add-on, so the test can open its pages. */
const UUID = '5b0f6c1e-5a2b-4c7d-9e8f-0123456789ab'
const page = (path: string) => `moz-extension://${UUID}/${path}`
/** An extension script that throws prints this (with its URL) on Firefox's stderr. */
const EXTENSION_ERROR = new RegExp(`JavaScript error: moz-extension://${UUID}/[^\\n]*`, 'g')

let work: string
let standIn: StandIn
let proxy: ConnectProxy
let firefox: LaunchedFirefox
let bidi: Bidi
let installed: { extension: string }

async function openTab(url: string): Promise<string> {
  const { context } = await bidi.send<{ context: string }>('browsingContext.create', { type: 'tab' })
  await bidi.send('browsingContext.navigate', { context, url, wait: 'complete' })
  return context
}

async function evaluate<T>(context: string, expression: string): Promise<T> {
  const answer = await bidi.send<{ type: string; result?: { value?: unknown }; exceptionDetails?: { text?: string } }>('script.evaluate', {
    expression,
    target: { context },
    awaitPromise: true,
  })
  if (answer.type !== 'success') throw new Error(`script threw in the page: ${answer.exceptionDetails?.text ?? ''}`)
  return answer.result?.value as T
}

/** Polls a page expression until it is truthy; bounded. */
async function waitFor<T>(context: string, expression: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await evaluate<T>(context, expression)
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${expression}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

async function typeAndEnter(context: string, selector: string, text: string): Promise<void> {
  await evaluate(context, `document.querySelector(${JSON.stringify(selector)}).focus()`)
  const keys = [...text].flatMap((value) => [
    { type: 'keyDown', value },
    { type: 'keyUp', value },
  ])
  const enter = '\uE007'
  await bidi.send('input.performActions', { context, actions: [{ type: 'key', id: 'keyboard', actions: [...keys, { type: 'keyDown', value: enter }, { type: 'keyUp', value: enter }] }] })
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ask-anywhere-firefox-smoke-'))
  const built = join(work, 'dist-firefox')
  await buildTarget(root, 'firefox', built)
  standIn = await startStandIn({ era: '2026' })
  proxy = await startConnectProxy(standIn.port, ['chatgpt.com', 'chat.openai.com'])
  firefox = await launchFirefox({ extensionUuids: { [GECKO_ID]: UUID }, httpsProxyPort: proxy.port })
  bidi = await connectBidi(`${firefox.bidiUrl}/session`)
  // The stand-in's certificate is self-signed; Firefox accepts it only for this automated session.
  await bidi.send('session.new', { capabilities: { alwaysMatch: { acceptInsecureCerts: true } } })
  await bidi.send('storage.setCookie', {
    cookie: { name: standIn.loginCookie.name, value: { type: 'string', value: standIn.loginCookie.value }, domain: '.chatgpt.com', path: '/', secure: true, httpOnly: true, sameSite: 'lax' },
  })
  installed = await bidi.send<{ extension: string }>('webExtension.install', { extensionData: { type: 'path', path: built } })
})

afterAll(async () => {
  bidi?.close()
  await firefox?.close()
  await proxy?.close()
  await standIn?.close()
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('Firefox build in firefox-esr', () => {
  it('installs as a temporary add-on under its gecko id', () => {
    expect(installed.extension).toBe(GECKO_ID)
  })

  it('answers from the popup: the background streams from chatgpt.com and the page renders markdown with code', async () => {
    standIn.queueAnswer({ text: 'In Python:\n\n```python\nprint("hello, world")\n```\n\nThat prints **hello, world**.' })
    const popup = await openTab(page('src/popup/index.html'))
    await waitFor(popup, `document.querySelector('[data-testid=composer]') !== null`)
    await typeAndEnter(popup, '[data-testid=composer]', 'Write hello world in Python')
    await waitFor(popup, `document.querySelector('[data-testid=answer][data-status=complete]') !== null`)
    expect(await evaluate(popup, `document.querySelector('[data-testid=answer] pre code').innerText.trim()`)).toBe('print("hello, world")')
    expect(await evaluate(popup, `document.querySelector('[data-testid=answer] strong').textContent`)).toBe('hello, world')
    expect(standIn.log.some((entry) => entry.method === 'POST' && entry.path === '/backend-api/f/conversation')).toBe(true)
    expect(standIn.violations()).toEqual([])
    expect(proxy.tunnelled.every((target) => target === 'chatgpt.com:443')).toBe(true)
  })

  it('runs the options page connection check end to end', async () => {
    const options = await openTab(page('src/options/index.html'))
    await waitFor(options, `document.querySelector('[data-testid=run-check]') !== null`)
    await evaluate(options, `document.querySelector('[data-testid=run-check]').click()`)
    const statuses = await waitFor<string>(
      options,
      `(() => { const s = [...document.querySelectorAll('[data-testid=check-step]')].map((e) => e.dataset.status); return s.length > 0 && s.every((x) => x === 'passed' || x === 'not-needed' || x === 'failed') ? s.join(',') : '' })()`,
    )
    expect(statuses.split(',')).not.toContain('failed')
    expect(statuses.split(',')).toContain('passed')
  })

  it("opens Firefox's own shortcuts page from the options page (no chrome:// URL)", async () => {
    const options = await openTab(page('src/options/index.html#shortcuts'))
    await waitFor(options, `document.querySelector('[data-testid=open-shortcuts]') !== null`)
    await evaluate(options, `document.querySelector('[data-testid=open-shortcuts]').click()`)
    const deadline = Date.now() + 10_000
    let urls: string[] = []
    while (!urls.some((url) => url.startsWith('about:addons')) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200))
      const tree = await bidi.send<{ contexts: Array<{ url: string }> }>('browsingContext.getTree', {})
      urls = tree.contexts.map((context) => context.url)
    }
    expect(urls.filter((url) => url.startsWith('about:addons'))).toHaveLength(1)
    expect(urls.some((url) => url.startsWith('chrome://extensions'))).toBe(false)
  })

  it('logs no uncaught error from any extension script, and would see one', async () => {
    expect(firefox.output().match(EXTENSION_ERROR) ?? []).toEqual([])
    // Positive control: an error planted in an extension page shows up the same way.
    const control = await openTab(page('src/popup/index.html'))
    await evaluate(control, `setTimeout(() => { throw new Error('planted-smoke-error') }); true`)
    const deadline = Date.now() + 10_000
    while (!(firefox.output().match(EXTENSION_ERROR) ?? []).some((line) => line.includes('planted-smoke-error')) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect((firefox.output().match(EXTENSION_ERROR) ?? []).filter((line) => !line.includes('planted-smoke-error'))).toEqual([])
    expect((firefox.output().match(EXTENSION_ERROR) ?? []).some((line) => line.includes('planted-smoke-error'))).toBe(true)
  })
})
