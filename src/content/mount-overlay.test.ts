// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"enableIframePageLoading":true}}
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CLOSE_MESSAGE } from '../overlay/pages'
import { mountOverlay } from './mount-overlay'

// The real address is the extension's overlay page; any frame URL works for the mounting logic.
const FRAME_URL = 'about:blank#tab:7'
const labels = { close: 'Close', title: 'Ask Anywhere' }

let mounted: { host: HTMLElement; frame: HTMLIFrameElement } | undefined

/** Mounts and hands back the closed root, captured the way only the mounting code could. */
function mount() {
  const spy = vi.spyOn(Element.prototype, 'attachShadow')
  mountOverlay(FRAME_URL, labels)
  const root = spy.mock.results.at(-1)?.value as ShadowRoot
  spy.mockRestore()
  const host = document.querySelector('ask-anywhere-overlay') as HTMLElement
  const frame = root.querySelector('iframe') as HTMLIFrameElement
  mounted = { host, frame }
  return { host, root, frame }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

/** Closes through the overlay's own path, as its iframe would. */
function closeFromFrame(frame: HTMLIFrameElement) {
  window.dispatchEvent(new MessageEvent('message', { data: CLOSE_MESSAGE, source: frame.contentWindow }))
}

afterEach(async () => {
  if (mounted?.host.isConnected) closeFromFrame(mounted.frame)
  mounted = undefined
  await flush()
})

describe('mountOverlay', () => {
  it('mounts one extension iframe in a closed shadow root on <html>, holding nothing else', () => {
    const { host, root, frame } = mount()
    expect(host.parentElement).toBe(document.documentElement)
    expect(host.shadowRoot).toBeNull()
    expect(root.mode).toBe('closed')
    expect(frame.getAttribute('src')).toBe(FRAME_URL)
    expect(frame.getAttribute('allow')).toBe('clipboard-write')
    // Only chrome: the bar's caption and the × button's label.
    expect(root.textContent?.replace(/\s+/g, ' ')).toContain('Ask Anywhere×')
    expect(host.getAttribute('style')).toContain('position:fixed!important')
  })

  it('keeps one overlay per page: asking again only moves it', () => {
    mount()
    mountOverlay(FRAME_URL, labels)
    expect(document.querySelectorAll('ask-anywhere-overlay')).toHaveLength(1)
  })

  it('ignores a close message from anything but its own iframe, and Escape the page made up', async () => {
    const { host } = mount()
    window.postMessage(CLOSE_MESSAGE, '*')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))
    await flush()
    expect(host.isConnected).toBe(true)
  })

  it('closes when its own iframe asks', async () => {
    const { host, frame } = mount()
    closeFromFrame(frame)
    await flush()
    expect(host.isConnected).toBe(false)
    expect((window as unknown as { __askAnywhereOverlay?: unknown }).__askAnywhereOverlay).toBeUndefined()
  })

  it('puts its style back and drops foreign attributes', async () => {
    const { host } = mount()
    const pinned = host.getAttribute('style')
    host.style.setProperty('display', 'none', 'important')
    host.setAttribute('hidden', '')
    await flush()
    await flush()
    expect(host.getAttribute('style')).toBe(pinned)
    expect(host.hasAttribute('hidden')).toBe(false)
    expect(host.isConnected).toBe(true)
  })

  it('closes itself after ten foreign mutations', async () => {
    const { host } = mount()
    for (let i = 0; i < 10; i += 1) host.setAttribute('style', 'display:none')
    await flush()
    expect(host.isConnected).toBe(false)
  })

  it('cleans up when the page removes it', async () => {
    const { host } = mount()
    host.remove()
    await flush()
    expect((window as unknown as { __askAnywhereOverlay?: unknown }).__askAnywhereOverlay).toBeUndefined()
    mount()
    expect(document.querySelectorAll('ask-anywhere-overlay')).toHaveLength(1)
  })

  it('takes no pointer input while the page masks <html> (a mask hides it from the overlay page\'s visibility check)', () => {
    vi.useFakeTimers()
    try {
      const { frame } = mount()
      expect(frame.style.pointerEvents).toBe('')
      document.documentElement.style.setProperty('mask-image', 'linear-gradient(#0000, #0000)')
      vi.advanceTimersByTime(150)
      expect(frame.style.pointerEvents).toBe('none')
      document.documentElement.style.removeProperty('mask-image')
      vi.advanceTimersByTime(150)
      expect(frame.style.pointerEvents).toBe('')
    } finally {
      vi.useRealTimers()
    }
  })

  it('closes when the page moves it under another parent', async () => {
    const { host } = mount()
    const wrapper = document.createElement('div')
    document.body.append(wrapper)
    wrapper.append(host)
    await flush()
    expect(host.isConnected).toBe(false)
    wrapper.remove()
  })
})
