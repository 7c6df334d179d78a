import { afterEach, describe, expect, it, vi } from 'vitest'

vi.mock('../shared/platform/browser', () => ({ default: { runtime: { getPlatformInfo: async () => ({}) } } }))
const { createKeepAlive } = await import('./keep-alive')

afterEach(() => {
  vi.useRealTimers()
})

describe('keep-alive (F4, F5, G12)', () => {
  it('beats only while held, and stops when the last holder lets go', () => {
    vi.useFakeTimers()
    let pings = 0
    const keepAlive = createKeepAlive(() => (pings += 1), 20_000)
    vi.advanceTimersByTime(60_000)
    expect(pings).toBe(0)
    const first = keepAlive.acquire()
    const second = keepAlive.acquire()
    vi.advanceTimersByTime(45_000)
    expect(pings).toBe(2)
    expect(keepAlive).toMatchObject({ holders: 2, heartbeating: true, active: true })
    first()
    first() // releasing twice counts once
    expect(keepAlive.holders).toBe(1)
    second()
    expect(keepAlive).toMatchObject({ holders: 0, heartbeating: false, active: false })
    vi.advanceTimersByTime(120_000)
    expect(pings).toBe(2)
    expect(keepAlive.beats).toBe(2)
  })
})
