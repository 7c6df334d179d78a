// @vitest-environment happy-dom
import { act, cleanup, render } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PULSE_AFTER_MS, StreamCursor } from './StreamCursor'

beforeEach(() => vi.useFakeTimers())
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

const pulsing = (container: Element) => container.querySelector('[data-testid=answer-cursor]')?.classList.contains('answer-cursor-paused')

describe('StreamCursor', () => {
  it('stays steady while text flows and pulses once it has paused', () => {
    const screen = render(<StreamCursor text="a" />)
    for (const text of ['ab', 'abc', 'abcd']) {
      void act(() => void vi.advanceTimersByTime(PULSE_AFTER_MS / 2))
      screen.rerender(<StreamCursor text={text} />)
    }
    expect(pulsing(screen.container)).toBe(false)
    void act(() => void vi.advanceTimersByTime(PULSE_AFTER_MS))
    expect(pulsing(screen.container)).toBe(true)
    // New text: steady again, and pulsing again after the next pause.
    screen.rerender(<StreamCursor text="abcde" />)
    expect(pulsing(screen.container)).toBe(false)
    void act(() => void vi.advanceTimersByTime(PULSE_AFTER_MS * 2))
    expect(pulsing(screen.container)).toBe(true)
  })

  it('arms one timer for its life, not one per update', () => {
    const setTimer = vi.spyOn(globalThis, 'setTimeout')
    const screen = render(<StreamCursor text="a" />)
    for (let i = 0; i < 50; i++) screen.rerender(<StreamCursor text={'a'.repeat(i + 2)} />)
    void act(() => void vi.advanceTimersByTime(0))
    expect(setTimer.mock.calls.filter(([, ms]) => ms === PULSE_AFTER_MS)).toHaveLength(1)
  })
})
