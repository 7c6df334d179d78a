/**
 * Sender validation in the real worker (threats T6; goal G4). Every UI request type is sent by
 * senders that must not be obeyed, and each attempt is refused with no side effect: no request to
 * the stand-in and no change to storage.
 *
 * - Forged senders reach the worker's real `runtime.onConnect` listeners (all of them: UI, relay,
 *   overlay lifetime) through `onConnect.dispatch` with a port whose `sender` says what a content
 *   script in a web page, another extension, or a sender-less caller would present. A positive
 *   control with an extension-page sender proves the forged port reaches the handler and is
 *   answered, so silence from the others is refusal, not a broken harness.
 * - A real extension page on a wrong port name is ignored; on the right one, each malformed
 *   payload is answered `rejected`.
 * - No external messaging: no `externally_connectable`, no external listeners, no runtime for
 *   web pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStandIn, type StandIn } from '../../test/chatgpt-stand-in/index'
import { malformedVariants, NOT_REQUESTS, protocolRequestTypes, VALID_REQUESTS } from '../../test/security/corpus/ui-requests'
import { launchExtension, type LaunchedExtension } from '../harness/launch'
import { startWebPages, type LoopbackServer } from './support/loopback-servers'

let standIn: StandIn
let ext: LaunchedExtension
let web: LoopbackServer

const UI_PORT = 'ask-anywhere-ui'
const types = protocolRequestTypes()
const requests = types.map((type) => VALID_REQUESTS[type]!)
/** Long enough for an obeyed request to have reached the stand-in or storage. */
const SETTLE_MS = 400

beforeAll(async () => {
  standIn = await startStandIn({ era: '2026' })
  web = await startWebPages({ '/page': '<!doctype html><title>a web page</title><p>hello</p>' })
  ext = await launchExtension({ standIn, loggedIn: true })
})
afterAll(async () => {
  await ext?.close()
  await standIn?.close()
  await web?.close()
})

interface Forgery {
  name: string
  /** `sender` as Chrome would fill it; `{{ID}}` is this extension's id. */
  sender: Record<string, unknown> | undefined
  portName?: string
}

const FORGERIES: Forgery[] = [
  { name: 'content script in a web page', sender: { id: '{{ID}}', url: 'https://evil.example/page', origin: 'https://evil.example', tab: { id: 7, url: 'https://evil.example/page' }, frameId: 0 } },
  { name: 'content script in a subframe', sender: { id: '{{ID}}', url: 'https://ads.example/frame', origin: 'https://ads.example', tab: { id: 7 }, frameId: 3 } },
  { name: 'content script on chatgpt.com', sender: { id: '{{ID}}', url: 'https://chatgpt.com/', origin: 'https://chatgpt.com', tab: { id: 8 }, frameId: 0 } },
  { name: 'another extension', sender: { id: 'abcdefghijklmnopabcdefghijklmnop', url: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/page.html', origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' } },
  { name: 'another extension claiming our page URL', sender: { id: 'abcdefghijklmnopabcdefghijklmnop', url: 'chrome-extension://{{ID}}/src/popup/index.html' } },
  { name: 'our id with a look-alike origin', sender: { id: '{{ID}}', url: 'chrome-extension://{{ID}}.evil.example/src/popup/index.html' } },
  { name: 'our id with a blob: URL of a web page', sender: { id: '{{ID}}', url: 'blob:https://evil.example/6f1c', tab: { id: 7 }, frameId: 0 } },
  { name: 'our id without a URL', sender: { id: '{{ID}}', tab: { id: 7 }, frameId: 0 } },
  { name: 'no sender at all', sender: undefined },
  { name: 'a web page via a native-messaging-like sender', sender: { nativeApplication: 'com.evil.host' } },
]

interface ForgedResult {
  disconnected: boolean
  replies: unknown[]
  listeners: number
}

/** Dispatches a fake port through the worker's real onConnect listeners, then sends `messages`. */
async function forge(ext: LaunchedExtension, forgery: Forgery, messages: unknown[]): Promise<ForgedResult> {
  const worker = await ext.currentWorker()
  const sender = forgery.sender && JSON.parse(JSON.stringify(forgery.sender).replaceAll('{{ID}}', ext.extensionId))
  return worker.evaluate(
    async ({ name, sender, messages, settle }) => {
      const replies: unknown[] = []
      const messageListeners: Array<(m: unknown, p: unknown) => void> = []
      const disconnectListeners: Array<(p: unknown) => void> = []
      let disconnected = false
      const listenerSet = <T>(list: T[]) => ({
        addListener: (fn: T) => void list.push(fn),
        removeListener: (fn: T) => void list.splice(list.indexOf(fn), 1),
        hasListener: (fn: T) => list.includes(fn),
        hasListeners: () => list.length > 0,
      })
      const port = {
        name,
        sender,
        postMessage: (m: unknown) => void replies.push(JSON.parse(JSON.stringify(m))),
        disconnect: () => {
          disconnected = true
        },
        onMessage: listenerSet(messageListeners),
        onDisconnect: listenerSet(disconnectListeners),
      }
      ;(chrome.runtime.onConnect as unknown as { dispatch(port: unknown): void }).dispatch(port)
      await new Promise((r) => setTimeout(r, 50))
      const listeners = messageListeners.length
      for (const message of messages) for (const fn of [...messageListeners]) fn(message, port)
      await new Promise((r) => setTimeout(r, settle))
      for (const fn of [...disconnectListeners]) fn(port)
      return { disconnected, replies, listeners }
    },
    { name: forgery.portName ?? UI_PORT, sender, messages, settle: SETTLE_MS },
  )
}

/** What an obeyed request would change: stand-in traffic and extension storage. */
async function sideEffects(): Promise<{ requests: number; storage: string }> {
  const worker = await ext.currentWorker()
  const storage = await worker.evaluate(async () => {
    const all = await chrome.storage.local.get(null)
    // The worker's own bookkeeping of when it last ran is not an effect of a message.
    return JSON.stringify(Object.keys(all).sort().map((k) => [k, all[k]]))
  })
  return { requests: standIn.log.length, storage }
}

describe('forged senders', () => {
  it('the forged-port harness reaches the real handler (positive control: an extension page is answered)', async () => {
    const result = await forge(ext, { name: 'extension page', sender: { id: '{{ID}}', url: 'chrome-extension://{{ID}}/src/popup/index.html', origin: 'chrome-extension://{{ID}}' } }, [
      { type: 'openThread', threadKey: 'control-thread', surface: 'popup' },
      { type: 'ask', threadKey: 'control-thread', prompt: '' },
    ])
    expect(result.disconnected).toBe(false)
    expect(result.listeners).toBeGreaterThan(0)
    expect(result.replies).toContainEqual(expect.objectContaining({ type: 'thread' }))
    expect(result.replies).toContainEqual({ type: 'rejected', reason: 'malformed request' })
  })

  it('refuses every request type from every forged sender, with no side effect', async () => {
    const before = await sideEffects()
    let attempts = 0
    let refused = 0
    const obeyed: string[] = []
    for (const forgery of FORGERIES) {
      const result = await forge(ext, forgery, requests)
      attempts += requests.length
      // Refused = no handler took the port's messages and nothing was answered.
      if (result.listeners === 0 && result.replies.length === 0) refused += requests.length
      else obeyed.push(`${forgery.name}: ${JSON.stringify(result).slice(0, 200)}`)
      // The UI port handler hangs up on a sender it refuses rather than leaving the port dangling.
      if (!result.disconnected) obeyed.push(`${forgery.name}: port left open`)
    }
    const after = await sideEffects()
    console.log(
      `[sender] forged senders: ${FORGERIES.length} senders × ${requests.length} request types = ${attempts} attempts → ` +
        `${refused} refused; stand-in requests during the run: ${after.requests - before.requests}`,
    )
    expect(obeyed).toEqual([])
    expect(after.requests).toBe(before.requests)
    expect(after.storage).toBe(before.storage)
  })
})

describe('the overlay iframe (an extension page inside a web tab)', () => {
  // What Chrome fills for the overlay's port: our page's URL, in a frame of the web page's tab.
  const overlay: Forgery = {
    name: 'overlay in tab 7',
    sender: { id: '{{ID}}', url: 'chrome-extension://{{ID}}/src/overlay/index.html#tab:7', origin: 'chrome-extension://{{ID}}', tab: { id: 7, url: 'https://example.com/' }, frameId: 4 },
  }

  it('is answered for its own tab\'s thread (positive control)', async () => {
    const result = await forge(ext, overlay, [{ type: 'openThread', threadKey: 'tab:7', surface: 'selection' }, { type: 'getModels' }])
    expect(result.replies).toContainEqual(expect.objectContaining({ type: 'thread' }))
  })

  it('may not reach other threads, history, exports or the connection check', async () => {
    const outOfScope = [
      { type: 'openThread', threadKey: 'popup', surface: 'popup' },
      { type: 'openThread', threadKey: 'tab:8', surface: 'selection' },
      { type: 'ask', threadKey: 'popup', prompt: 'sent from a web page' },
      { type: 'ask', threadKey: 'tab:8', prompt: 'into another tab' },
      { type: 'regenerate', threadKey: 'popup' },
      { type: 'continue', threadKey: 'popup' },
      { type: 'newChat', threadKey: 'popup' },
      { type: 'stop', jobId: 'someone-elses-job' },
      { type: 'retry', jobId: 'someone-elses-job' },
      { type: 'checkResult', jobId: 'someone-elses-job' },
      { type: 'listHistory' },
      { type: 'exportAll' },
      { type: 'exportThread', threadKey: 'popup' },
      { type: 'deleteThread', threadKey: 'popup' },
      { type: 'deleteAllHistory' },
      { type: 'connectionCheck' },
    ]
    const before = await sideEffects()
    const result = await forge(ext, overlay, outOfScope)
    const after = await sideEffects()
    const answered = result.replies.filter((r) => (r as { type?: string }).type !== 'rejected')
    console.log(
      `[sender] overlay scope: ${outOfScope.length} requests beyond its tab's thread → ${result.replies.length - answered.length} rejected, ` +
        `${answered.length} answered; stand-in requests: ${after.requests - before.requests}`,
    )
    expect(answered).toEqual([])
    expect(after.requests).toBe(before.requests)
    expect(after.storage).toBe(before.storage)
  })
})

describe('extension pages', () => {
  it('ignores a port with a wrong name, and answers every malformed payload with `rejected`', async () => {
    const page = await ext.context.newPage()
    await page.goto(ext.url('src/popup/index.html?thread=sender-test'))
    await page.getByTestId('composer').waitFor()
    await page.waitForTimeout(SETTLE_MS)
    const before = await sideEffects()
    const malformed = [...types.flatMap((type) => malformedVariants(VALID_REQUESTS[type]!)), ...NOT_REQUESTS]
    const result = await page.evaluate(
      async ({ requests, malformed, settle, uiPort }) => {
        const collect = (name: string, messages: unknown[]) =>
          new Promise<unknown[]>((resolve) => {
            const replies: unknown[] = []
            const port = chrome.runtime.connect({ name })
            port.onMessage.addListener((m) => void replies.push(m))
            for (const m of messages) port.postMessage(m)
            setTimeout(() => {
              port.disconnect()
              resolve(replies)
            }, settle)
          })
        return {
          wrongName: await collect(`${uiPort}-evil`, requests),
          emptyName: await collect('', requests),
          malformed: await collect(uiPort, malformed),
        }
      },
      { requests, malformed, settle: SETTLE_MS, uiPort: UI_PORT },
    )
    const after = await sideEffects()
    const rejected = result.malformed.filter((r) => (r as { type?: string }).type === 'rejected').length
    console.log(
      `[sender] extension page: wrong port names × ${requests.length} types → ${result.wrongName.length + result.emptyName.length} answers; ` +
        `${malformed.length} malformed payloads → ${rejected} rejected; stand-in requests: ${after.requests - before.requests}`,
    )
    expect(result.wrongName).toEqual([])
    expect(result.emptyName).toEqual([])
    expect(result.malformed).toEqual(malformed.map(() => ({ type: 'rejected', reason: 'malformed request' })))
    expect(after.requests).toBe(before.requests)
    expect(after.storage).toBe(before.storage)
    await page.close()
  })
})

describe('no external messaging', () => {
  it('declares no externally_connectable and listens to no external event', async () => {
    const worker = await ext.currentWorker()
    const state = await worker.evaluate(() => ({
      externallyConnectable: (chrome.runtime.getManifest() as { externally_connectable?: unknown }).externally_connectable ?? null,
      onMessageExternal: chrome.runtime.onMessageExternal.hasListeners(),
      onConnectExternal: chrome.runtime.onConnectExternal.hasListeners(),
      onMessage: chrome.runtime.onMessage.hasListeners(),
    }))
    console.log(`[sender] external: externally_connectable=${JSON.stringify(state.externallyConnectable)}, onMessageExternal=${state.onMessageExternal}, onConnectExternal=${state.onConnectExternal}`)
    expect(state).toMatchObject({ externallyConnectable: null, onMessageExternal: false, onConnectExternal: false })
  })

  it('gives a web page no way to reach the worker', async () => {
    const page = await ext.context.newPage()
    await page.goto(`${web.origin}/page`)
    const reach = await page.evaluate((id) => {
      const runtime = (globalThis as { chrome?: { runtime?: { connect?: unknown; sendMessage?: (...a: unknown[]) => unknown } } }).chrome?.runtime
      let sendError = 'no sendMessage'
      if (runtime?.sendMessage) {
        try {
          runtime.sendMessage(id, { type: 'getAccountStatus' })
          sendError = 'sent'
        } catch (error) {
          sendError = String(error)
        }
      }
      return { connect: typeof runtime?.connect, sendError }
    }, ext.extensionId)
    console.log(`[sender] web page: runtime.connect is ${reach.connect}; sendMessage: ${reach.sendError}`)
    expect(reach.connect).toBe('undefined')
    expect(reach.sendError).not.toBe('sent')
    await page.close()
  })
})
