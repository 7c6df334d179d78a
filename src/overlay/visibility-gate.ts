/**
 * The overlay's click gate against DOM-based clickjacking (threats-and-faults T11, G16). The page
 * around our iframe cannot restyle the host element (the content script pins it), but it can
 * still hide or cover it from above or through its ancestors: `html{opacity:0}`, a filter or a
 * transform on <html>, a decoy in the top layer (popover, modal dialog) or a fixed full-page decoy
 * with `pointer-events:none`. The user's real click then lands on a button in here that they
 * cannot see.
 *
 * IntersectionObserver v2 (`trackVisibility`) reports `isVisible` false whenever the browser
 * cannot vouch that the iframe is painted unobscured: something drawn over it, an effective
 * opacity below 1, a filter or a non-trivial transform anywhere up the chain, across frames.
 * Until it says visible, and has said so for `holdMs` (a reveal at the last moment is not a chance
 * to look), every pointer press and click is stopped in the capture phase, before any button sees
 * it. Keyboard input is not gated: the page cannot type into our frame.
 *
 * Known gaps: Firefox (and any browser) without `IntersectionObserverEntry#isVisible` gets no
 * gate, so clicks are allowed there; `tracksVisibility` says which. Chromium reports a change at
 * most every 100 ms (the minimum `delay`), so a page that hides an overlay the gate already
 * trusted has that long before the gate knows. And Chromium 156's v2 does not count a CSS `mask`
 * on <html> (measured: `html{mask:linear-gradient(#0000,#0000)}` hides the overlay while
 * `isVisible` stays true), so the content script (src/content/mount-overlay.ts) takes the iframe
 * out of pointer input while <html> is masked.
 */

/** How long the overlay must have been verified visible before a click counts. */
export const VISIBLE_HOLD_MS = 400
/** The observer's minimum delay between notifications (Chromium requires ≥100 with trackVisibility). */
const DELAY_MS = 100

export const GATED_EVENTS = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'auxclick', 'dblclick', 'contextmenu'] as const

/** The part of an IntersectionObserverEntry the gate reads (`isVisible` is v2 only). */
export interface VisibilityEntry {
  isIntersecting: boolean
  isVisible?: boolean
}

export type VisibilityObserverFactory = new (
  callback: (entries: VisibilityEntry[]) => void,
  options: IntersectionObserverInit & { trackVisibility: boolean; delay: number },
) => { observe(target: Element): void; disconnect(): void }

export interface ClickGate {
  /** True once the overlay has been verified visible for the hold time: clicks count. */
  readonly open: boolean
  /** True after a click was refused, until the gate opens. */
  readonly refusing: boolean
  /** Called whenever `open` or `refusing` changes. */
  subscribe(listener: () => void): () => void
  stop(): void
}

export interface ClickGateOptions {
  /** The window whose pointer events are gated (the overlay page's own). */
  win: Window
  /** What must be visible: the overlay document's root element. */
  target: Element
  Observer: VisibilityObserverFactory
  now?: () => number
  holdMs?: number
}

/** Whether this browser has IntersectionObserver v2; without it the gate cannot tell. */
export function tracksVisibility(win: object): boolean {
  const Entry = (win as { IntersectionObserverEntry?: unknown }).IntersectionObserverEntry
  return typeof Entry === 'function' && 'isVisible' in (Entry as { prototype: object }).prototype
}

export function startClickGate({ win, target, Observer, now = () => performance.now(), holdMs = VISIBLE_HOLD_MS }: ClickGateOptions): ClickGate {
  /** When the observer last turned to "visible"; undefined while not verified visible. */
  let visibleSince: number | undefined
  let open = false
  let refusing = false
  let openTimer: ReturnType<typeof setTimeout> | undefined
  const listeners = new Set<() => void>()
  const heldLongEnough = () => visibleSince !== undefined && now() - visibleSince >= holdMs

  /** Recomputes `open` (and schedules the moment it opens), telling listeners of any change. */
  function update(refused = refusing) {
    if (openTimer !== undefined) clearTimeout(openTimer)
    openTimer = undefined
    const before = [open, refusing]
    open = heldLongEnough()
    refusing = refused && !open
    if (!open && visibleSince !== undefined) openTimer = setTimeout(() => update(), visibleSince + holdMs - now())
    if (before[0] !== open || before[1] !== refusing) for (const listener of listeners) listener()
  }

  const observer = new Observer(
    (entries) => {
      const latest = entries.at(-1)
      if (!latest) return
      const visible = latest.isIntersecting && latest.isVisible === true
      if (!visible) visibleSince = undefined
      else visibleSince ??= now()
      update()
    },
    { trackVisibility: true, delay: DELAY_MS, threshold: [0] },
  )
  observer.observe(target)

  // Decided on the clock at the event, not on the timer having run.
  const gate = (event: Event) => {
    if (heldLongEnough()) return
    event.preventDefault()
    event.stopImmediatePropagation()
    update(true)
  }
  for (const type of GATED_EVENTS) win.addEventListener(type, gate, { capture: true })

  return {
    get open() {
      return open
    },
    get refusing() {
      return refusing
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    stop() {
      observer.disconnect()
      if (openTimer !== undefined) clearTimeout(openTimer)
      for (const type of GATED_EVENTS) win.removeEventListener(type, gate, { capture: true })
      listeners.clear()
    },
  }
}
