/**
 * A chatgpt.com "tab" for Node tests of the relay: the real `relayInPage` function, serialized and
 * evaluated in its own VM context the way `scripting.executeScript` does it (so a reference to
 * anything outside the function fails here too), with a page `fetch` that speaks to the stand-in
 * as https://chatgpt.com with the page's cookies, and a port pair that copies every message like
 * Chrome's JSON messaging and delivers it asynchronously.
 */
import { createContext, runInContext } from 'node:vm'
import { relayInPage } from '../../src/content/relay-in-page'
import type { RelayChannel } from '../../src/core/chatgpt/transport/tab-relay-transport'
import { createBrowserLikeFetch, type StandIn } from '../chatgpt-stand-in/index'

const CHATGPT = 'https://chatgpt.com'

type Listener<T extends unknown[]> = (...args: T) => void

/** What the page sees as `chrome.runtime.Port`. */
interface PagePort {
  name: string
  postMessage(message: unknown): void
  disconnect(): void
  onMessage: { addListener(listener: Listener<[unknown]>): void }
  onDisconnect: { addListener(listener: Listener<[]>): void }
}

export type TestChannel = RelayChannel & { sent: unknown[]; closeFromPage(): void }

/** A worker-side channel and a page-side port, connected. */
export function portPair(name: string): { page: PagePort; worker: TestChannel } {
  const toPage: Array<Listener<[unknown]>> = []
  const toWorker: Array<Listener<[unknown]>> = []
  const pageClosed: Array<Listener<[]>> = []
  const workerClosed: Array<Listener<[]>> = []
  let open = true
  const deliver = (listeners: Array<Listener<[unknown]>>, message: unknown) => {
    const copy = JSON.parse(JSON.stringify(message)) as unknown
    setImmediate(() => {
      if (open) for (const listener of listeners) listener(copy)
    })
  }
  // Like Chrome: the side that disconnects is not told, the other side is.
  const close = (notify: Array<Listener<[]>>) => {
    if (!open) return
    open = false
    setImmediate(() => {
      for (const listener of notify) listener()
    })
  }
  const page: PagePort = {
    name,
    postMessage: (message) => {
      if (!open) throw new Error('Attempting to use a disconnected port object')
      deliver(toWorker, message)
    },
    disconnect: () => close(workerClosed),
    onMessage: { addListener: (listener) => void toPage.push(listener) },
    onDisconnect: { addListener: (listener) => void pageClosed.push(listener) },
  }
  const sent: unknown[] = []
  const worker: TestChannel = {
    sent,
    post: (message) => {
      sent.push(message)
      deliver(toPage, message)
    },
    onMessage: (listener) => void toWorker.push(listener),
    onClose: (listener) => void workerClosed.push(listener),
    close: () => close(pageClosed),
    closeFromPage: () => close(workerClosed),
  }
  return { page, worker }
}

export interface FakeTabOptions {
  /** The page's `oai-did` cookie (also readable from `document.cookie`). */
  deviceId: string
}

/** A chatgpt.com tab logged in to the stand-in, running the real relay function per request. */
export function createFakeRelayTab(standIn: StandIn, options: FakeTabOptions) {
  const pageFetch = createBrowserLikeFetch(standIn, {
    cookies: { [standIn.loginCookie.name]: standIn.loginCookie.value, 'oai-did': options.deviceId },
    origin: CHATGPT,
  })
  const channels: TestChannel[] = []
  let pending: Array<ReturnType<typeof portPair>> = []
  const sandbox = createContext({
    chrome: {
      runtime: {
        connect: ({ name }: { name: string }) => {
          const pair = pending.find((p) => p.page.name === name)
          if (!pair) throw new Error(`no port ${name}`)
          pending = pending.filter((p) => p !== pair)
          return pair.page
        },
      },
    },
    location: { href: `${CHATGPT}/`, origin: CHATGPT },
    document: { cookie: `oai-did=${options.deviceId}` },
    // The page resolves relative URLs against its own location.
    fetch: (input: string | URL, init?: RequestInit) => pageFetch(new URL(String(input), `${CHATGPT}/`), init),
    Headers,
    URL,
    AbortController,
    btoa,
  })
  // Revived from source like executeScript's `func`: only the function itself travels.
  const injected = runInContext(`(${relayInPage.toString()})`, sandbox) as (portName: string) => string
  let counter = 0

  return {
    /** `openChannel` for `createTabRelayTransport`: one injection and one port per request. */
    async openChannel(): Promise<RelayChannel> {
      const pair = portPair(`ask-anywhere-relay:test-${++counter}`)
      pending.push(pair)
      const origin = injected(pair.page.name)
      if (origin !== CHATGPT) throw new Error(`injected into ${origin}`)
      channels.push(pair.worker)
      return pair.worker
    },
    /** Every message the worker sent to the tab. */
    sentToTab: () => channels.flatMap((c) => c.sent),
    /** The tab goes away: every open port disconnects. */
    close: () => channels.forEach((c) => c.closeFromPage()),
    dispose: () => pageFetch.close(),
  }
}
