import { describe, expect, it, vi } from 'vitest'
import { createFrameBatcher } from './frame-batcher'

function manualSchedule() {
  const pending: (() => void)[] = []
  const schedule = vi.fn((callback: () => void, _delayMs: number) => {
    pending.push(callback)
    return () => pending.splice(pending.indexOf(callback), 1)
  })
  return { schedule, runFrame: () => pending.splice(0).forEach((callback) => callback()) }
}

describe('createFrameBatcher', () => {
  it('applies everything pushed within a frame once, in order', () => {
    const apply = vi.fn()
    const { schedule, runFrame } = manualSchedule()
    const batcher = createFrameBatcher<number>(apply, schedule)
    for (let i = 0; i < 100; i++) batcher.push(i)
    expect(schedule).toHaveBeenCalledTimes(1)
    expect(apply).not.toHaveBeenCalled()
    runFrame()
    expect(apply).toHaveBeenCalledTimes(1)
    expect(apply.mock.calls[0]?.[0]).toEqual(Array.from({ length: 100 }, (_, i) => i))
  })

  it('flushes on demand and drops the queue on cancel', () => {
    const apply = vi.fn()
    const { schedule, runFrame } = manualSchedule()
    const batcher = createFrameBatcher<string>(apply, schedule)
    batcher.push('a')
    batcher.flush()
    expect(apply).toHaveBeenCalledWith(['a'])
    batcher.push('b')
    batcher.cancel()
    runFrame()
    expect(apply).toHaveBeenCalledTimes(1)
  })

  it('renders at most about 30 times a second: a frame too soon after the last apply passes', () => {
    const apply = vi.fn()
    const { schedule, runFrame } = manualSchedule()
    let time = 1_000
    const batcher = createFrameBatcher<number>(apply, schedule, () => time)
    batcher.push(1)
    runFrame()
    expect(apply).toHaveBeenLastCalledWith([1])
    batcher.push(2)
    time += 16.7
    runFrame()
    batcher.push(3)
    expect(apply).toHaveBeenCalledTimes(1)
    time += 16.7
    runFrame()
    expect(apply).toHaveBeenCalledTimes(2)
    expect(apply).toHaveBeenLastCalledWith([2, 3])
    // After a pause the next event shows on the very next frame.
    time += 500
    batcher.push(4)
    runFrame()
    expect(apply).toHaveBeenLastCalledWith([4])
  })

  it('waits the interval it is given, asked afresh each time, and sleeps until shortly before it', () => {
    const apply = vi.fn()
    const { schedule, runFrame } = manualSchedule()
    let time = 1_000
    let interval = 62
    const batcher = createFrameBatcher<number>(apply, schedule, () => time, () => interval)
    batcher.push(1)
    expect(schedule).toHaveBeenLastCalledWith(expect.any(Function), 0)
    runFrame()
    batcher.push(2)
    // Asleep until a frame before the earliest apply, not woken on every frame in between.
    expect(schedule).toHaveBeenLastCalledWith(expect.any(Function), 62 - 16)
    time += 50
    runFrame()
    expect(apply).toHaveBeenCalledTimes(1)
    time += 16.7
    runFrame()
    expect(apply).toHaveBeenLastCalledWith([2])
    // A shorter interval takes effect at once; none is shorter than the 30/s ceiling.
    interval = 0
    batcher.push(3)
    time += 16.7
    runFrame()
    expect(apply).toHaveBeenCalledTimes(2)
    time += 16.7
    runFrame()
    expect(apply).toHaveBeenLastCalledWith([3])
  })

  it('falls back to a timer when no frame comes (background tab)', () => {
    vi.useFakeTimers()
    vi.stubGlobal('requestAnimationFrame', () => 1)
    vi.stubGlobal('cancelAnimationFrame', () => undefined)
    try {
      const apply = vi.fn()
      const batcher = createFrameBatcher<number>(apply)
      batcher.push(1)
      vi.advanceTimersByTime(100)
      expect(apply).toHaveBeenCalledWith([1])
    } finally {
      vi.unstubAllGlobals()
      vi.useRealTimers()
    }
  })
})
