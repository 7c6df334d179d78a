import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BackgroundEvent } from '../shared/messaging/protocol'
import { openConnection, reconnectDelay } from './port-connection'
import { createFakePort, type FakePort } from './test-support'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

function setup() {
  const ports: FakePort[] = []
  const connect = vi.fn(() => {
    const port = createFakePort()
    ports.push(port)
    return port
  })
  const events: BackgroundEvent[] = []
  const connected: boolean[] = []
  const connection = openConnection({
    connect,
    onOpen: (post) => post({ type: 'openThread', threadKey: 'popup', surface: 'popup' }),
    onEvent: (event) => events.push(event),
    onConnectedChange: (value) => connected.push(value),
  })
  return { connection, connect, ports, events, connected, latest: () => ports.at(-1)! }
}

describe('openConnection', () => {
  it('opens the thread on connect and passes parsed events on', () => {
    const { latest, events } = setup()
    expect(latest().sent).toEqual([{ type: 'openThread', threadKey: 'popup', surface: 'popup' }])
    latest().emit({ type: 'delta', jobId: 'j', seq: 1, appended: 'x' })
    latest().emit({ type: 'garbage' })
    expect(events).toEqual([{ type: 'delta', jobId: 'j', seq: 1, appended: 'x' }])
  })

  it('reconnects with backoff after the worker goes away and re-opens the thread', () => {
    const { latest, connect, connected } = setup()
    latest().drop()
    expect(connected).toEqual([true, false])
    vi.advanceTimersByTime(49)
    expect(connect).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(1)
    expect(connect).toHaveBeenCalledTimes(2)
    expect(latest().sent[0]?.type).toBe('openThread')
    expect(connected.at(-1)).toBe(true)
  })

  it('backs off 50 ms doubling to 1 s, and starts over once the worker answers', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map(reconnectDelay)).toEqual([50, 100, 200, 400, 800, 1000, 1000])
    const { latest, connect } = setup()
    latest().drop()
    vi.advanceTimersByTime(50)
    latest().drop()
    vi.advanceTimersByTime(99)
    expect(connect).toHaveBeenCalledTimes(2)
    vi.advanceTimersByTime(1)
    expect(connect).toHaveBeenCalledTimes(3)
    latest().emit({ type: 'rejected', reason: '' })
    latest().drop()
    vi.advanceTimersByTime(50)
    expect(connect).toHaveBeenCalledTimes(4)
  })

  it('keeps retrying when connect itself throws (extension reloaded)', () => {
    let fail = true
    const connect = vi.fn(() => {
      if (fail) throw new Error('Extension context invalidated.')
      return createFakePort()
    })
    const connection = openConnection({ connect, onOpen: vi.fn(), onEvent: vi.fn() })
    vi.advanceTimersByTime(50 + 100)
    expect(connect).toHaveBeenCalledTimes(3)
    fail = false
    vi.advanceTimersByTime(200)
    expect(connection.post({ type: 'prewarm' })).toBe(true)
  })

  it('reports a failed post instead of throwing, and stops on close', () => {
    const { connection, latest, connect } = setup()
    latest().disconnected = true
    expect(connection.post({ type: 'prewarm' })).toBe(false)
    connection.close()
    expect(latest().disconnected).toBe(true)
    latest().drop()
    vi.advanceTimersByTime(5000)
    expect(connect).toHaveBeenCalledTimes(1)
    expect(connection.post({ type: 'prewarm' })).toBe(false)
  })
})
