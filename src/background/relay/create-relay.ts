/**
 * The worker's side of the chatgpt.com tab relay (issue 11): for each request, take a relay tab,
 * inject the relay function into its top frame (isolated world: a same-origin fetch with the
 * page's cookies needs nothing more), wait for its port, and hand the core transport a channel.
 * No `declarativeNetRequest`, no header rewriting: the tab's own fetch is the whole trick.
 */
import { ChatGptError, isChatGptError } from '../../core/chatgpt/chatgpt-error'
import { CHATGPT_HOST } from '../../core/chatgpt/http/endpoints'
import { createTabRelayTransport, type RelayChannel } from '../../core/chatgpt/transport/tab-relay-transport'
import type { Transport } from '../../core/chatgpt/transport/transport'
import type { Runtime } from '../../shared/platform/browser'
import type { Settings } from '../../shared/settings'
import type { KeyValueArea } from '../storage-areas'
import { INJECTED_SCRIPTS } from '../../content/injected-scripts'
import { callInjected } from '../call-injected'
import { createRelayPorts, isRelaySender } from './relay-ports'
import { createRelayTabs, type RelayTabLease } from './relay-tabs'

export interface RelayDeps {
  settings: () => Promise<Settings>
  /** storage.session (worker-private). */
  store: KeyValueArea
}

/** Port → channel. Every message is checked against the sender again before it is passed on. */
function portChannel(port: Runtime.Port, lease: RelayTabLease): RelayChannel {
  let closed = false
  const closeListeners: Array<() => void> = []
  const close = () => {
    if (closed) return
    closed = true
    lease.release()
    try {
      port.disconnect()
    } catch {
      // Already gone.
    }
  }
  // Chrome fires onDisconnect only for the other side's disconnect.
  port.onDisconnect.addListener(() => {
    if (closed) return
    closed = true
    lease.release()
    for (const listener of closeListeners) listener()
  })
  return {
    post: (message) => port.postMessage(message),
    onMessage(listener) {
      port.onMessage.addListener((message: unknown) => {
        if (closed) return
        if (!isRelaySender(port.sender, lease.tabId)) {
          close()
          for (const onClose of closeListeners) onClose()
          return
        }
        listener(message)
      })
    },
    onClose: (listener) => void closeListeners.push(listener),
    close,
  }
}

function unavailable(error: unknown): ChatGptError {
  if (isChatGptError(error)) return error
  const detail = error instanceof Error ? error.message : String(error)
  return new ChatGptError('relay-unavailable', 'Could not send from the chatgpt.com tab.', detail ? { serverMessage: detail } : {})
}

export function createRelay(deps: RelayDeps): { transport: Transport; acceptPort: (port: Runtime.Port) => boolean } {
  const ports = createRelayPorts()
  const tabs = createRelayTabs({ mayOpenTab: async () => (await deps.settings()).relayOpenTab, store: deps.store })

  async function openChannel(signal?: AbortSignal): Promise<RelayChannel> {
    const lease = await tabs.acquire(signal).catch((error: unknown) => {
      throw unavailable(error)
    })
    const expected = ports.expect(lease.tabId)
    try {
      const injected = await callInjected(INJECTED_SCRIPTS.relay, { tabId: lease.tabId, frameIds: [0] }, [expected.name], { world: 'ISOLATED' })
      if (injected.result !== CHATGPT_HOST) throw new Error('The tab is no longer on chatgpt.com.')
      return portChannel(await expected.port, lease)
    } catch (error) {
      expected.cancel()
      lease.release()
      throw unavailable(error)
    }
  }

  return { transport: createTabRelayTransport({ openChannel }), acceptPort: ports.accept }
}
