// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { GATED_EVENTS, startClickGate, tracksVisibility, VISIBLE_HOLD_MS, type ClickGate, type VisibilityEntry, type VisibilityObserverFactory } from './visibility-gate'

/** A stand-in IntersectionObserver v2: the test decides what the browser reports, and when. */
function fakeObserver() {
  const made: { callback: (entries: VisibilityEntry[]) => void; options: object; targets: Element[]; disconnected: boolean }[] = []
  const Observer = class {
    private record: (typeof made)[number]
    constructor(callback: (entries: VisibilityEntry[]) => void, options: object) {
      this.record = { callback, options, targets: [], disconnected: false }
      made.push(this.record)
    }
    observe(target: Element) {
      this.record.targets.push(target)
    }
    disconnect() {
      this.record.disconnected = true
    }
  } as VisibilityObserverFactory
  const report = (isVisible: boolean, isIntersecting = true) => made.at(-1)!.callback([{ isIntersecting, isVisible }])
  return { Observer, made, report }
}

let gate: ClickGate | undefined
let button: HTMLButtonElement
let pressed: string[]

beforeEach(() => {
  vi.useFakeTimers()
  button = document.createElement('button')
  document.body.append(button)
  pressed = []
  for (const type of GATED_EVENTS) button.addEventListener(type, () => pressed.push(type))
})
afterEach(() => {
  gate?.stop()
  gate = undefined
  button.remove()
  vi.useRealTimers()
})

function start() {
  const fake = fakeObserver()
  gate = startClickGate({ win: window, target: document.documentElement, Observer: fake.Observer, now: () => Date.now() })
  return { ...fake, gate }
}

/** A whole real click, as the browser dispatches it; which events reached the button. */
function realClick(): { reached: string[]; defaultPrevented: boolean[] } {
  pressed = []
  const events = [new PointerEvent('pointerdown', { bubbles: true, cancelable: true }), new MouseEvent('mousedown', { bubbles: true, cancelable: true }), new PointerEvent('pointerup', { bubbles: true, cancelable: true }), new MouseEvent('mouseup', { bubbles: true, cancelable: true }), new MouseEvent('click', { bubbles: true, cancelable: true })]
  for (const event of events) button.dispatchEvent(event)
  return { reached: pressed, defaultPrevented: events.map((event) => event.defaultPrevented) }
}

describe('the click gate', () => {
  it('observes the overlay root with visibility tracking and the minimum 100 ms delay', () => {
    const { made } = start()
    expect(made).toHaveLength(1)
    expect(made[0]!.options).toMatchObject({ trackVisibility: true, delay: 100 })
    expect(made[0]!.targets).toEqual([document.documentElement])
  })

  it('refuses every click before the browser has said the overlay is visible, and says so', () => {
    const { gate } = start()
    const changes = vi.fn()
    gate.subscribe(changes)
    expect(gate.refusing).toBe(false)
    expect(gate.open).toBe(false)
    expect(realClick()).toEqual({ reached: [], defaultPrevented: [true, true, true, true, true] })
    for (const type of ['auxclick', 'dblclick', 'contextmenu']) button.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true }))
    expect(pressed).toEqual([])
    expect(gate.refusing).toBe(true)
    expect(changes).toHaveBeenCalledTimes(1)
  })

  it('lets clicks through once the overlay has been visible for the hold time, not before', () => {
    const { gate, report } = start()
    report(true)
    vi.advanceTimersByTime(VISIBLE_HOLD_MS - 50)
    expect(realClick().reached).toEqual([]) // revealed at the last moment: not yet
    expect(gate.refusing).toBe(true)
    expect(gate.open).toBe(false)
    vi.advanceTimersByTime(50)
    expect(gate.open).toBe(true)
    expect(gate.refusing).toBe(false) // the note goes when clicks count again
    expect(realClick()).toEqual({ reached: ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'], defaultPrevented: [false, false, false, false, false] })
  })

  it('closes again the moment the browser reports it hidden or covered, and restarts the hold after', () => {
    const { report, gate } = start()
    const changes = vi.fn()
    gate.subscribe(changes)
    report(true)
    vi.advanceTimersByTime(VISIBLE_HOLD_MS)
    expect(realClick().reached).toHaveLength(5)
    expect(changes).toHaveBeenCalledTimes(1)
    report(false) // e.g. html{opacity:0}, or a decoy drawn over it
    expect(gate.open).toBe(false)
    expect(changes).toHaveBeenCalledTimes(2)
    expect(realClick().reached).toEqual([])
    report(true)
    vi.advanceTimersByTime(VISIBLE_HOLD_MS - 1)
    expect(realClick().reached).toEqual([])
    vi.advanceTimersByTime(1)
    expect(realClick().reached).toHaveLength(5)
  })

  it('counts an overlay scrolled or clipped out of view as not visible, and reads only the latest entry', () => {
    const { report, made } = start()
    report(true, false)
    vi.advanceTimersByTime(VISIBLE_HOLD_MS)
    expect(realClick().reached).toEqual([])
    made[0]!.callback([
      { isIntersecting: true, isVisible: true },
      { isIntersecting: true, isVisible: false },
    ])
    vi.advanceTimersByTime(VISIBLE_HOLD_MS)
    expect(realClick().reached).toEqual([])
  })

  it('keeps the time it first became visible across repeated visible reports', () => {
    const { report } = start()
    report(true)
    vi.advanceTimersByTime(VISIBLE_HOLD_MS - 100)
    report(true)
    vi.advanceTimersByTime(100)
    expect(realClick().reached).toHaveLength(5)
  })

  it('lets keyboard input through: the page cannot type into the overlay', () => {
    start()
    const keys: string[] = []
    button.addEventListener('keydown', (event) => keys.push(event.key))
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }))
    expect(keys).toEqual(['a'])
  })

  it('stops gating and observing when stopped', () => {
    const { gate, made } = start()
    gate.stop()
    expect(made[0]!.disconnected).toBe(true)
    expect(realClick().reached).toHaveLength(5)
  })
})

describe('tracksVisibility', () => {
  it('is true only where IntersectionObserverEntry has isVisible (Chromium), false elsewhere (Firefox)', () => {
    class V2Entry {
      get isVisible() {
        return false
      }
    }
    expect(tracksVisibility({ IntersectionObserverEntry: V2Entry })).toBe(true)
    expect(tracksVisibility({ IntersectionObserverEntry: class {} })).toBe(false)
    expect(tracksVisibility({})).toBe(false)
  })
})
