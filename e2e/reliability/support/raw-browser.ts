/**
 * Chromium with the extension, driven over a bare DevTools connection instead of Playwright.
 *
 * Why: Playwright attaches a DevTools session to every service worker, and an attached worker is
 * never idle-stopped (toolchain.md §4; detaching does not undo it either). To prove the worker
 * survives a long silence *because of* the keep-alive, and is then stopped by Chrome when idle,
 * nothing may attach to it. This harness only lists targets at the browser level and attaches to
 * pages (the popup), never to the worker.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { WebSocket } from 'undici'
import type { StandIn } from '../../../test/chatgpt-stand-in/index'
import { chromiumArgs, CHROMIUM } from '../../harness/launch'
import { sleep } from './kit'

interface TargetInfo {
  targetId: string
  type: string
  url: string
}

export interface RawPage {
  /** Evaluates an expression in the page and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>
  close(): Promise<void>
}

export interface RawBrowser {
  extensionId: string
  /** Target ids of this extension's live service workers (empty when Chrome stopped it). */
  workers(): Promise<string[]>
  open(path: string): Promise<RawPage>
  close(): Promise<void>
}

/**
 * Reads Chromium's DevToolsActivePort once it holds both lines (the port, then the browser's
 * WebSocket path). The file can exist before Chromium has finished writing it: reading it on
 * first sight once found it still empty, and an invalid URL followed.
 */
async function readDevToolsPort(portFile: string): Promise<{ port: string; path: string }> {
  for (let i = 0; i < 200; i += 1) {
    const [port = '', path = ''] = existsSync(portFile) ? readFileSync(portFile, 'utf8').split('\n').map((line) => line.trim()) : []
    if (/^\d+$/.test(port) && path.startsWith('/devtools/browser/')) return { port, path }
    await sleep(50)
  }
  throw new Error(`Chromium wrote no usable ${portFile} within 10 s`)
}

export async function launchRawBrowser(standIn: StandIn): Promise<RawBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'ask-anywhere-raw-'))
  const child: ChildProcess = spawn(
    CHROMIUM,
    ['--headless', '--no-sandbox', `--user-data-dir=${profile}`, '--remote-debugging-port=0', ...chromiumArgs(standIn), 'about:blank'],
    { stdio: ['ignore', 'ignore', 'ignore'] },
  )
  // If the test process ends first (timeout, Ctrl-C), the browser goes with it.
  const killBrowser = () => child.kill()
  process.once('exit', killBrowser)
  const portFile = join(profile, 'DevToolsActivePort')
  const { port, path } = await readDevToolsPort(portFile)
  const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`)
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true })
    socket.addEventListener('error', reject, { once: true })
  })
  let nextId = 0
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } }
    const waiter = message.id === undefined ? undefined : pending.get(message.id)
    if (!waiter) return
    pending.delete(message.id!)
    if (message.error) waiter.reject(new Error(message.error.message))
    else waiter.resolve(message.result)
  })
  const send = <T>(method: string, params: object = {}, sessionId?: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = ++nextId
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }))
    })
  const targets = async () => (await send<{ targetInfos: TargetInfo[] }>('Target.getTargets')).targetInfos

  await send('Storage.setCookies', {
    cookies: [{ name: standIn.loginCookie.name, value: standIn.loginCookie.value, domain: '.chatgpt.com', path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }],
  })
  let extensionId = ''
  for (let i = 0; i < 100 && !extensionId; i += 1) {
    const worker = (await targets()).find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'))
    if (worker) extensionId = new URL(worker.url).host
    else await sleep(100)
  }
  if (!extensionId) throw new Error('the extension service worker never started')

  return {
    extensionId,
    async workers() {
      return (await targets()).filter((t) => t.type === 'service_worker' && t.url.includes(extensionId)).map((t) => t.targetId)
    },
    async open(pagePath) {
      const { targetId } = await send<{ targetId: string }>('Target.createTarget', { url: `chrome-extension://${extensionId}/${pagePath}` })
      const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true })
      return {
        async evaluate<T>(expression: string) {
          // A page that is still navigating (just created, or reconnecting) has no context yet.
          for (let attempt = 0; ; attempt += 1) {
            try {
              const reply = await send<{ result: { value: T }; exceptionDetails?: { text: string } }>(
                'Runtime.evaluate',
                { expression, awaitPromise: true, returnByValue: true },
                sessionId,
              )
              if (reply.exceptionDetails) throw new Error(`page: ${reply.exceptionDetails.text}`)
              return reply.result.value
            } catch (error) {
              if (attempt >= 20 || !/context|navigat/i.test(String(error))) throw error
              await sleep(100)
            }
          }
        },
        async close() {
          await send('Target.closeTarget', { targetId })
        },
      }
    },
    async close() {
      await send('Browser.close').catch(() => undefined)
      socket.close()
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)))
      process.off('exit', killBrowser)
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** Types into the popup's composer and presses Enter, as the Playwright tests do. */
export async function askInPopup(page: RawPage, prompt: string): Promise<void> {
  await page.evaluate(`(async () => {
    for (let i = 0; i < 100 && !document.querySelector('[data-testid=composer]'); i++) await new Promise((r) => setTimeout(r, 50))
    const box = document.querySelector('[data-testid=composer]')
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set.call(box, ${JSON.stringify(prompt)})
    box.dispatchEvent(new Event('input', { bubbles: true }))
    // Let the composer render the new value before Enter reads it.
    await new Promise((r) => setTimeout(r, 100))
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }))
  })()`)
}

/** The popup's answers as shown: status, rendered text and the recovery note, if any. */
export function answersIn(page: RawPage): Promise<{ status: string; text: string; note: string }[]> {
  return page.evaluate(`[...document.querySelectorAll('.job')].map((job) => ({
    status: job.querySelector('[data-testid=answer]')?.getAttribute('data-status') ?? '',
    text: job.querySelector('[data-testid=answer] .md')?.innerText ?? '',
    note: job.querySelector('[data-testid=job-recovery-note]')?.innerText ?? '',
  }))`)
}
