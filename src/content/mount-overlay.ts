/**
 * The whole content script: built alone into injected/mount-overlay.js (injected-scripts.ts), which
 * the worker injects into the tab the user right-clicked (activeTab), then calls this function
 * with the frame's address and two labels. Everything it uses is declared inside it (no imports,
 * no module constants), so it also works passed as `executeScript({ func })`, as its tests do.
 *
 * It holds no data and cannot send anything (threats-and-faults T2, T6, T11): it mounts an
 * extension-origin iframe inside a closed shadow root and moves, resizes and closes it. The answer
 * lives only inside the iframe, which talks to the worker itself. The host element's inline styles
 * are pinned (a MutationObserver puts them back) and the overlay closes itself after repeated
 * foreign tampering, as Bitwarden's inline menu does.
 */

export interface OverlayLabels {
  /** Accessible name of the × button. */
  close: string
  /** The bar's caption and the iframe's title. */
  title: string
}

export function mountOverlay(frameUrl: string, labels: OverlayLabels): void {
  // Expandos on `window` are per world: the page cannot see or fake this one.
  const slot = window as unknown as { __askAnywhereOverlay?: { reposition(): void } }
  if (slot.__askAnywhereOverlay) {
    slot.__askAnywhereOverlay.reposition()
    return
  }
  const CLOSE_MESSAGE = 'ask-anywhere:close' // = CLOSE_MESSAGE in src/overlay/pages.ts
  const MARGIN = 12
  const MIN_WIDTH = 280
  const MIN_HEIGHT = 200
  const MAX_FOREIGN_MUTATIONS = 10
  const box = { left: 0, top: 0, width: 0, height: 0 }
  const viewWidth = () => document.documentElement.clientWidth || innerWidth
  const viewHeight = () => document.documentElement.clientHeight || innerHeight
  const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(value, high))
  const previousFocus = document.activeElement

  /** Below (or above) the selection when it is on screen, else pinned top-right. */
  function place() {
    box.width = Math.min(420, viewWidth() - 2 * MARGIN)
    box.height = Math.min(480, viewHeight() - 2 * MARGIN)
    const selection = getSelection()
    const rect = selection && selection.rangeCount > 0 ? selection.getRangeAt(0).getBoundingClientRect() : undefined
    const visible = rect && (rect.width > 0 || rect.height > 0) && rect.bottom > 0 && rect.top < viewHeight() && rect.right > 0 && rect.left < viewWidth()
    if (rect && visible) {
      const below = rect.bottom + 8
      box.top = below + box.height <= viewHeight() - MARGIN ? below : rect.top - 8 - box.height
      box.left = rect.left
    } else {
      box.top = MARGIN
      box.left = viewWidth() - box.width - MARGIN
    }
    box.top = clamp(box.top, MARGIN, viewHeight() - box.height - MARGIN)
    box.left = clamp(box.left, MARGIN, viewWidth() - box.width - MARGIN)
  }

  const host = document.createElement('ask-anywhere-overlay')
  let pinnedStyle = ''
  // Each setAttribute queues exactly one mutation record: counting ours tells them from the page's.
  let ownStyleWrites = 0
  function pinStyle() {
    ownStyleWrites += 1
    host.setAttribute('style', pinnedStyle)
  }
  function applyBox() {
    pinnedStyle =
      'all:initial!important;position:fixed!important;z-index:2147483647!important;display:block!important;' +
      `left:${box.left}px!important;top:${box.top}px!important;width:${box.width}px!important;height:${box.height}px!important;` +
      'opacity:1!important;visibility:visible!important;transform:none!important;filter:none!important;clip-path:none!important;pointer-events:auto!important'
    pinStyle()
  }

  const root = host.attachShadow({ mode: 'closed' })
  const css = document.createElement('style')
  css.textContent =
    '.box{position:absolute;inset:0;display:flex;flex-direction:column;overflow:hidden;background:#fff;border:1px solid #0002;border-radius:12px;box-shadow:0 8px 32px #0004;font:13px/1 system-ui,sans-serif;color:#5d5d5d;padding-bottom:12px}' +
    '.bar{display:flex;align-items:center;height:28px;padding:0 4px 0 12px;background:#f4f4f4;cursor:move;user-select:none;touch-action:none}' +
    '.bar span{flex:1;overflow:hidden;white-space:nowrap}' +
    'button{all:unset;width:24px;height:24px;border-radius:6px;text-align:center;font-size:18px;line-height:24px;cursor:pointer;color:inherit}' +
    'button:hover{background:#0001}button:focus-visible{outline:2px solid #4c8bf5}' +
    'iframe{flex:1;width:100%;border:0}' +
    // Outside the rounded, clipped box, so the very corner still grabs it, and in the box's 12 px
    // foot, never over the iframe: anything drawn over it, even ours, makes the overlay's
    // visibility check (IntersectionObserver v2, src/overlay/visibility-gate.ts) see it occluded.
    '.grip{position:absolute;right:0;bottom:0;width:12px;height:12px;cursor:nwse-resize;touch-action:none;background:linear-gradient(135deg,#0000 60%,#8888 60% 68%,#0000 68% 80%,#8888 80% 88%,#0000 88%)}' +
    '@media (prefers-color-scheme:dark){.box{background:#212121;color:#b4b4b4;border-color:#fff3}.bar{background:#303030}}'
  const frame = document.createElement('iframe')
  frame.src = frameUrl
  frame.title = labels.title
  frame.allow = 'clipboard-write'
  const container = document.createElement('div')
  container.className = 'box'
  const bar = document.createElement('div')
  bar.className = 'bar'
  const caption = document.createElement('span')
  caption.textContent = labels.title
  const closeButton = document.createElement('button')
  closeButton.type = 'button'
  closeButton.textContent = '×'
  closeButton.setAttribute('aria-label', labels.close)
  const grip = document.createElement('div')
  grip.className = 'grip'
  bar.append(caption, closeButton)
  container.append(bar, frame)
  root.append(css, container, grip)

  // The overlay page refuses clicks while IntersectionObserver v2 reports it hidden (clickjacking,
  // T11), but a CSS mask on <html> hides it without that report and lets clicks through, so the
  // iframe takes no pointer input while <html> is masked. Also off while dragging.
  let dragging = false
  const masked = () => {
    const style = getComputedStyle(document.documentElement)
    // A property this browser lacks reads as undefined or '': not a mask.
    return [style.maskImage, style.webkitMaskBoxImage].some((value) => !!value && value !== 'none')
  }
  function holdClicks() {
    frame.style.pointerEvents = dragging || masked() ? 'none' : ''
  }
  const maskWatch = setInterval(holdClicks, 100)

  /** Pointer drags on `handle` report the offset from where they started. */
  function onDrag(handle: HTMLElement, move: (dx: number, dy: number, start: typeof box) => void) {
    handle.addEventListener('pointerdown', (down) => {
      if (!down.isTrusted || down.button !== 0 || down.target === closeButton) return
      down.preventDefault()
      const start = { ...box }
      handle.setPointerCapture(down.pointerId)
      dragging = true
      holdClicks()
      const onMove = (event: PointerEvent) => {
        move(event.clientX - down.clientX, event.clientY - down.clientY, start)
        applyBox()
      }
      const onEnd = () => {
        dragging = false
        holdClicks()
        handle.removeEventListener('pointermove', onMove)
        handle.removeEventListener('pointerup', onEnd)
        handle.removeEventListener('pointercancel', onEnd)
      }
      handle.addEventListener('pointermove', onMove)
      handle.addEventListener('pointerup', onEnd)
      handle.addEventListener('pointercancel', onEnd)
    })
  }
  onDrag(bar, (dx, dy, start) => {
    box.left = clamp(start.left + dx, 0, viewWidth() - box.width)
    box.top = clamp(start.top + dy, 0, viewHeight() - 28)
  })
  onDrag(grip, (dx, dy, start) => {
    box.width = clamp(start.width + dx, MIN_WIDTH, viewWidth() - box.left)
    box.height = clamp(start.height + dy, MIN_HEIGHT, viewHeight() - box.top)
  })

  function close() {
    guard.disconnect()
    clearInterval(maskWatch)
    removeEventListener('keydown', onKey, true)
    removeEventListener('message', onMessage)
    removeEventListener('resize', onResize)
    const focusWasInside = document.activeElement === host
    host.remove()
    delete slot.__askAnywhereOverlay
    // Give focus back where it was, so closing never strands the keyboard.
    if (focusWasInside && previousFocus instanceof HTMLElement && previousFocus.isConnected) previousFocus.focus({ preventScroll: true })
  }
  const onKey = (event: KeyboardEvent) => {
    if (event.isTrusted && event.key === 'Escape' && !event.isComposing) close()
  }
  // Only our own iframe can close us this way: `source` is set by the browser, not the sender.
  const onMessage = (event: MessageEvent) => {
    if (event.source === frame.contentWindow && event.data === CLOSE_MESSAGE) close()
  }
  const onResize = () => {
    box.left = clamp(box.left, 0, Math.max(0, viewWidth() - box.width))
    box.top = clamp(box.top, 0, Math.max(0, viewHeight() - 28))
    applyBox()
  }
  closeButton.addEventListener('click', (event) => {
    if (event.isTrusted) close()
  })

  let foreign = 0
  const guard = new MutationObserver((records) => {
    for (const record of records) {
      // Moving the host reloads the iframe: tampering too.
      if (record.type === 'childList' && [...record.removedNodes].includes(host)) foreign += 1
      const name = record.target === host ? record.attributeName : null
      if (name === 'style') {
        if (ownStyleWrites > 0) {
          ownStyleWrites -= 1
          continue
        }
        foreign += 1
        pinStyle()
      } else if (name && host.hasAttribute(name)) {
        // Any other attribute is foreign (ours has none); an absent one was our own removal.
        foreign += 1
        host.removeAttribute(name)
      }
    }
    // Moved under another parent (one the page can mask or hide), or tampered with too often: gone.
    if (host.parentNode !== document.documentElement || foreign >= MAX_FOREIGN_MUTATIONS) close()
  })

  place()
  applyBox()
  document.documentElement.append(host)
  guard.observe(host, { attributes: true })
  ownStyleWrites = 0 // the first write happened before anyone observed it
  guard.observe(document.documentElement, { childList: true })
  addEventListener('keydown', onKey, true)
  addEventListener('message', onMessage)
  addEventListener('resize', onResize)
  slot.__askAnywhereOverlay = {
    reposition() {
      place()
      applyBox()
    },
  }
}
