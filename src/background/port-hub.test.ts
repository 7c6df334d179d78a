import { describe, expect, it } from 'vitest'
import type { BackgroundEvent } from '../shared/messaging/protocol'
import type { Runtime } from '../shared/platform/browser'
import { createPortHub, DELTA_MERGE_MS } from './port-hub'

/** A hub on a hand-driven clock and timer list, with ports that record what they were sent. */
function setup(mergeMs: (chars: number) => number = () => DELTA_MERGE_MS) {
  let clock = 1_000
  const timers: { at: number; run: () => void; live: boolean }[] = []
  const hub = createPortHub({
    mergeMs,
    now: () => clock,
    setTimer(run, ms) {
      const timer = { at: clock + ms, run, live: true }
      timers.push(timer)
      return () => void (timer.live = false)
    },
  })
  const port = (fail = false) => {
    const sent: BackgroundEvent[] = []
    const p = {
      postMessage(event: BackgroundEvent) {
        if (fail) throw new Error('Attempting to use a disconnected port object')
        sent.push(event)
      },
    } as unknown as Runtime.Port
    hub.add(p)
    hub.subscribe(p, 'popup')
    return { port: p, sent }
  }
  const advance = (ms: number) => {
    clock += ms
    for (const timer of timers.filter((t) => t.live && t.at <= clock)) {
      timer.live = false
      timer.run()
    }
  }
  return { hub, port, advance, pendingTimers: () => timers.filter((t) => t.live).length }
}

const delta = (seq: number, appended: string, jobId = 'j1'): BackgroundEvent => ({ type: 'delta', jobId, seq, appended })
const jobEvent: BackgroundEvent = { type: 'job', job: { jobId: 'j1', threadKey: 'popup', prompt: 'q', text: 'abcd', action: 'next', status: 'complete', seq: 4, createdAt: 1, updatedAt: 1 } }

describe('createPortHub', () => {
  it('sends the first delta at once and merges the ones that follow within the interval', () => {
    const { hub, port, advance } = setup()
    const { sent } = port()
    hub.broadcast('popup', delta(1, 'a'))
    expect(sent).toEqual([delta(1, 'a')])
    hub.broadcast('popup', delta(2, 'b'))
    hub.broadcast('popup', delta(3, 'c'))
    expect(sent).toHaveLength(1)
    advance(DELTA_MERGE_MS)
    expect(sent).toEqual([delta(1, 'a'), { type: 'delta', jobId: 'j1', fromSeq: 2, seq: 3, appended: 'bc' }])
  })

  it('sends a lone held delta as a plain one, and the first delta after a quiet spell at once', () => {
    const { hub, port, advance } = setup()
    const { sent } = port()
    hub.broadcast('popup', delta(1, 'a'))
    hub.broadcast('popup', delta(2, 'b'))
    advance(DELTA_MERGE_MS)
    expect(sent.at(-1)).toEqual(delta(2, 'b'))
    advance(DELTA_MERGE_MS)
    hub.broadcast('popup', delta(3, 'c'))
    expect(sent.at(-1)).toEqual(delta(3, 'c'))
  })

  it('sends held deltas before any other event, so the order of events is kept', () => {
    const { hub, port, pendingTimers } = setup()
    const { port: p, sent } = port()
    hub.broadcast('popup', delta(1, 'a'))
    hub.broadcast('popup', delta(2, 'b'))
    hub.broadcast('popup', delta(3, 'c'))
    hub.broadcast('popup', jobEvent)
    hub.post(p, { type: 'rejected', reason: 'x' })
    expect(sent.map((e) => e.type)).toEqual(['delta', 'delta', 'job', 'rejected'])
    expect(sent[1]).toEqual({ type: 'delta', jobId: 'j1', fromSeq: 2, seq: 3, appended: 'bc' })
    expect(pendingTimers()).toBe(0)
  })

  it('never merges deltas of two jobs or with a gap in seq', () => {
    const { hub, port, advance } = setup()
    const { sent } = port()
    hub.broadcast('popup', delta(1, 'a'))
    hub.broadcast('popup', delta(2, 'b'))
    hub.broadcast('popup', delta(1, 'x', 'j2'))
    hub.broadcast('popup', delta(5, 'y', 'j2'))
    advance(DELTA_MERGE_MS * 3)
    expect(sent).toEqual([delta(1, 'a'), delta(2, 'b'), delta(1, 'x', 'j2'), delta(5, 'y', 'j2')])
  })

  it('holds deltas per port: a port subscribed later gets its first one at once', () => {
    const { hub, port } = setup()
    const first = port()
    hub.broadcast('popup', delta(1, 'a'))
    hub.broadcast('popup', delta(2, 'b'))
    const second = port()
    hub.broadcast('popup', delta(3, 'c'))
    expect(first.sent).toEqual([delta(1, 'a')])
    expect(second.sent).toEqual([delta(3, 'c')])
  })

  it('drops what it held for a removed or broken port, and never posts to it again', () => {
    const { hub, port, advance, pendingTimers } = setup()
    const { port: p, sent } = port()
    hub.broadcast('popup', delta(1, 'a'))
    hub.broadcast('popup', delta(2, 'b'))
    hub.remove(p)
    expect(pendingTimers()).toBe(0)
    advance(DELTA_MERGE_MS)
    expect(sent).toHaveLength(1)
    const broken = port(true)
    hub.broadcast('popup', delta(3, 'c'))
    expect(hub.listeners('popup')).toBe(0)
    expect(broken.sent).toEqual([])
  })

  it('merges over a longer interval once the job has sent more text to the port', () => {
    const { hub, port, advance } = setup((chars) => (chars < 10 ? 10 : 50))
    const { sent } = port()
    hub.broadcast('popup', delta(1, 'a'.repeat(10)))
    advance(10)
    hub.broadcast('popup', delta(2, 'b'))
    expect(sent).toHaveLength(1)
    advance(39)
    expect(sent).toHaveLength(1)
    advance(1)
    expect(sent.at(-1)).toEqual(delta(2, 'b'))
    // A new job starts from the short interval again.
    advance(10)
    hub.broadcast('popup', delta(1, 'x', 'j2'))
    expect(sent.at(-1)).toEqual(delta(1, 'x', 'j2'))
  })

  it('sends every delta on its own with mergeMs 0', () => {
    const { hub, port } = setup(() => 0)
    const { sent } = port()
    for (let seq = 1; seq <= 3; seq++) hub.broadcast('popup', delta(seq, String(seq)))
    expect(sent).toEqual([delta(1, '1'), delta(2, '2'), delta(3, '3')])
  })
})
