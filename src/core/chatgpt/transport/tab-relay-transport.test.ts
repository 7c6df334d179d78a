import { describe, expect, it } from 'vitest'
import { ChatGptError } from '../chatgpt-error'
import type { RelayRequest } from './relay-wire'
import { createTabRelayTransport, type RelayChannel } from './tab-relay-transport'

/** A channel whose tab side is scripted by the test. */
function scriptedChannel() {
  const listeners: Array<(message: unknown) => void> = []
  const closeListeners: Array<() => void> = []
  const state = { posted: [] as RelayRequest[], closed: 0 }
  const channel: RelayChannel = {
    post: (message) => void state.posted.push(message),
    onMessage: (listener) => void listeners.push(listener),
    onClose: (listener) => void closeListeners.push(listener),
    close: () => void (state.closed += 1),
  }
  return {
    channel,
    state,
    send: (message: unknown) => listeners.forEach((listener) => listener(message)),
    goAway: () => closeListeners.forEach((listener) => listener()),
  }
}

const b64 = (text: string) => Buffer.from(text).toString('base64')
const URL_ = 'https://chatgpt.com/backend-api/f/conversation'

function setup() {
  const tab = scriptedChannel()
  const transport = createTabRelayTransport({ openChannel: async () => tab.channel })
  return { tab, transport }
}

/** Lets the transport attach its listeners (openChannel is awaited). */
const settle = () => new Promise((resolve) => setImmediate(resolve))

describe('tab relay transport', () => {
  it('rebuilds a streaming response: status, allowed headers, body bytes in order', async () => {
    const { tab, transport } = setup()
    const pending = transport(URL_, { method: 'POST', headers: { Authorization: 'Bearer t' }, body: '{}' })
    await settle()
    expect(tab.state.posted).toEqual([{ type: 'request', url: URL_, method: 'POST', headers: [], body: '{}', authorize: true }])
    tab.send({ type: 'head', status: 200, statusText: 'OK', headers: [['content-type', 'text/event-stream']] })
    const response = await pending
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    tab.send({ type: 'chunk', data: b64('data: 1\n\n') })
    tab.send({ type: 'chunk', data: b64('data: [DONE]\n\n') })
    tab.send({ type: 'end' })
    expect(await response.text()).toBe('data: 1\n\ndata: [DONE]\n\n')
    expect(tab.state.closed).toBe(1)
  })

  it('a refusal arrives as the response it was (403 body readable)', async () => {
    const { tab, transport } = setup()
    const pending = transport(URL_, {})
    await settle()
    tab.send({ type: 'head', status: 403, statusText: 'Forbidden', headers: [['content-type', 'application/json']] })
    tab.send({ type: 'chunk', data: b64('{"detail":"Unusual activity"}') })
    tab.send({ type: 'end' })
    const response = await pending
    expect(response.status).toBe(403)
    expect(await response.json()).toEqual({ detail: 'Unusual activity' })
  })

  it('a tab that goes away before the head is a network failure (TypeError)', async () => {
    const { tab, transport } = setup()
    const pending = transport(URL_, {})
    await settle()
    tab.goAway()
    await expect(pending).rejects.toBeInstanceOf(TypeError)
  })

  it('a tab that goes away mid-body errors the stream', async () => {
    const { tab, transport } = setup()
    const pending = transport(URL_, {})
    await settle()
    tab.send({ type: 'head', status: 200, statusText: 'OK', headers: [] })
    const response = await pending
    tab.send({ type: 'chunk', data: b64('partial') })
    tab.goAway()
    await expect(response.text()).rejects.toBeInstanceOf(TypeError)
  })

  it.each([
    ['a malformed message', { type: 'head', status: 'two hundred' }],
    ['body bytes before the head', { type: 'chunk', data: b64('x') }],
    ['end before the head', { type: 'end' }],
    ['an error from the tab', { type: 'error', name: 'TypeError', message: 'Failed to fetch' }],
  ])('%s fails the request and closes the channel', async (_, message) => {
    const { tab, transport } = setup()
    const pending = transport(URL_, {})
    await settle()
    tab.send(message)
    await expect(pending).rejects.toBeInstanceOf(TypeError)
    expect(tab.state.closed).toBe(1)
    // Later messages are ignored.
    tab.send({ type: 'head', status: 200, statusText: 'OK', headers: [] })
  })

  it('a second head errors the body', async () => {
    const { tab, transport } = setup()
    const pending = transport(URL_, {})
    await settle()
    tab.send({ type: 'head', status: 200, statusText: 'OK', headers: [] })
    const response = await pending
    tab.send({ type: 'head', status: 200, statusText: 'OK', headers: [] })
    await expect(response.text()).rejects.toBeInstanceOf(TypeError)
  })

  it('the caller aborting closes the channel (the tab aborts its fetch)', async () => {
    const { tab, transport } = setup()
    const controller = new AbortController()
    const pending = transport(URL_, { signal: controller.signal })
    await settle()
    tab.send({ type: 'head', status: 200, statusText: 'OK', headers: [] })
    const response = await pending
    const reading = response.text()
    controller.abort()
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' })
    expect(tab.state.closed).toBe(1)
  })

  it('a reader that stops early closes the channel', async () => {
    const { tab, transport } = setup()
    const pending = transport(URL_, {})
    await settle()
    tab.send({ type: 'head', status: 200, statusText: 'OK', headers: [] })
    const response = await pending
    await response.body!.cancel()
    expect(tab.state.closed).toBe(1)
  })

  it('an already aborted signal never opens a channel; no tab is relay-unavailable', async () => {
    let opened = 0
    const transport = createTabRelayTransport({
      openChannel: async () => {
        opened += 1
        throw new ChatGptError('relay-unavailable', 'no tab')
      },
    })
    const controller = new AbortController()
    controller.abort()
    await expect(transport(URL_, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' })
    expect(opened).toBe(0)
    await expect(transport(URL_, {})).rejects.toMatchObject({ code: 'relay-unavailable' })
  })

  it('keeps null-body statuses bodiless', async () => {
    const { tab, transport } = setup()
    const pending = transport(URL_, {})
    await settle()
    tab.send({ type: 'head', status: 204, statusText: 'No Content', headers: [] })
    const response = await pending
    expect(response.status).toBe(204)
    expect(response.body).toBeNull()
  })
})
