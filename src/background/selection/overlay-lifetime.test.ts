import { beforeEach, describe, expect, it, vi } from 'vitest'
import { UI_PORT_NAME } from '../../shared/messaging/protocol'
import type { Runtime } from '../../shared/platform/browser'
import type { JobRunner } from '../job-runner'
import { createPortHub } from '../port-hub'
import { localArea } from '../storage-areas'
import { createThreadRepository } from '../thread-repository'
import { overlayTabId, watchOverlayPort } from './overlay-lifetime'
import { EXTENSION_ORIGIN, resetFakeBrowser } from './test-browser'

vi.mock('../../shared/platform/browser', async () => ({ default: (await import('./test-browser')).fakeBrowser }))

/** A port as the worker sees it, from a sender. */
function port(sender: Partial<Runtime.MessageSender>, name = UI_PORT_NAME) {
  const onDisconnect: (() => void)[] = []
  return {
    name,
    sender: { id: 'extension-id', ...sender } as Runtime.MessageSender,
    onDisconnect: { addListener: (listener: () => void) => void onDisconnect.push(listener) },
    postMessage: vi.fn(),
    disconnect: () => onDisconnect.forEach((listener) => listener()),
  } as unknown as Runtime.Port & { disconnect(): void }
}

const overlayUrl = `${EXTENSION_ORIGIN}src/overlay/index.html#tab:3`
const tab3 = { id: 3 } as Runtime.MessageSender['tab']

describe('overlayTabId', () => {
  it("is the tab of this extension's overlay page, and nothing else's", () => {
    expect(overlayTabId(port({ url: overlayUrl, tab: tab3 }))).toBe(3)
    expect(overlayTabId(port({ url: `${EXTENSION_ORIGIN}src/popup/index.html`, tab: tab3 }))).toBeUndefined()
    expect(overlayTabId(port({ url: 'https://evil.test/src/overlay/index.html', tab: tab3 }))).toBeUndefined() // a content script
    expect(overlayTabId(port({ url: overlayUrl, tab: tab3, id: 'another-extension' }))).toBeUndefined()
    expect(overlayTabId(port({ url: overlayUrl, tab: tab3 }, 'other-port'))).toBeUndefined()
    expect(overlayTabId(port({ url: overlayUrl }))).toBeUndefined()
  })
})

describe('watchOverlayPort', () => {
  beforeEach(resetFakeBrowser)

  async function setup() {
    const threads = createThreadRepository(localArea)
    const record = await threads.open('tab:3', 'selection', true)
    record.jobs.push({ jobId: 'running', threadKey: 'tab:3', action: 'next', prompt: 'q', status: 'streaming', text: '', createdAt: 0, updatedAt: 0 })
    await threads.save(record)
    const stop = vi.fn()
    const runner = { isActive: (jobId: string) => jobId === 'running', stop } as unknown as JobRunner
    const hub = createPortHub()
    return { deps: { runner, threads, hub, sleep: async () => undefined }, stop, hub }
  }

  it("stops the tab's answer when its overlay goes away", async () => {
    const { deps, stop, hub } = await setup()
    const overlay = port({ url: overlayUrl, tab: tab3 })
    hub.add(overlay)
    hub.subscribe(overlay, 'tab:3')
    watchOverlayPort(overlay, deps)
    hub.remove(overlay) // what the UI port handler does on disconnect
    overlay.disconnect()
    await vi.waitFor(() => expect(stop).toHaveBeenCalledWith('running'))
  })

  it('lets it run while another view (the chat page) still shows the thread', async () => {
    const { deps, stop, hub } = await setup()
    const chatPage = port({ url: `${EXTENSION_ORIGIN}src/chat/index.html#tab:3`, tab: { id: 8 } as Runtime.MessageSender['tab'] })
    hub.add(chatPage)
    hub.subscribe(chatPage, 'tab:3')
    const overlay = port({ url: overlayUrl, tab: tab3 })
    watchOverlayPort(overlay, deps)
    overlay.disconnect()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(stop).not.toHaveBeenCalled()
  })

  it('ignores ports that are not overlays', async () => {
    const { deps, stop } = await setup()
    const popup = port({ url: `${EXTENSION_ORIGIN}src/popup/index.html`, tab: tab3 })
    watchOverlayPort(popup, deps)
    popup.disconnect()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(stop).not.toHaveBeenCalled()
  })
})
