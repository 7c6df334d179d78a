/**
 * Installed in extension pages before their own scripts (playwright `addInitScript`). Plain
 * JavaScript in a string, so no compiler helper leaks into the page. It records, in
 * `window.__benchProbe`:
 * - DOM commits (MutationObserver callbacks: one per render that changed the page),
 * - when the composer got focus (ms since the page's time origin),
 * - for each watched marker text, when it was committed to the DOM and when the frame showing it
 *   had been painted, on the epoch clock (timeOrigin + now). "Painted" is the first task after the
 *   rendering update of the frame that contains the commit: a message posted from inside a frame
 *   runs after that frame's style, layout and paint; a commit made outside a frame waits for the
 *   next animation frame first.
 */
export const PAGE_PROBE = String.raw`(() => {
  const probe = { commits: 0, composerFocusedAt: undefined, watch: [], seen: {} }
  window.__benchProbe = probe
  const epoch = () => performance.timeOrigin + performance.now()
  let inFrame = false
  const afterTask = (fn) => { const c = new MessageChannel(); c.port1.onmessage = () => { c.port1.close(); fn() }; c.port2.postMessage(null) }
  const raf = window.requestAnimationFrame.bind(window)
  // Frame tracking costs a MessageChannel per frame: only while a marker is watched.
  window.requestAnimationFrame = (cb) => raf((t) => {
    if (!inFrame && probe.watch.length > 0) { inFrame = true; afterTask(() => { inFrame = false }) }
    cb(t)
  })
  document.addEventListener('focusin', (event) => {
    const target = event.target
    if (probe.composerFocusedAt === undefined && target instanceof Element && target.matches('[data-testid=composer]')) {
      probe.composerFocusedAt = performance.now()
    }
  }, true)
  const check = () => {
    if (probe.watch.length === 0) return
    const text = document.body ? document.body.textContent || '' : ''
    for (const marker of probe.watch) {
      if (probe.seen[marker] || !text.includes(marker)) continue
      const entry = { committedAt: epoch(), paintedAt: undefined, inFrame }
      probe.seen[marker] = entry
      const done = () => { entry.paintedAt = epoch() }
      if (inFrame) afterTask(done)
      else raf(() => afterTask(done))
    }
  }
  new MutationObserver(() => { probe.commits += 1; check() })
    .observe(document, { subtree: true, childList: true, characterData: true })
})()`

export interface ProbeMark {
  committedAt: number
  paintedAt: number | undefined
  inFrame: boolean
}

export interface PageProbeState {
  commits: number
  composerFocusedAt: number | undefined
  watch: string[]
  seen: Record<string, ProbeMark>
}

declare global {
  interface Window {
    __benchProbe?: PageProbeState
  }
}
