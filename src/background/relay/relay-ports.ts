/**
 * Ports from the relay function in a chatgpt.com tab (threats-and-faults T6). A relay port is
 * accepted only when the worker is waiting for exactly that one-time name, and only from the top
 * frame of the tab it injected into, whose document is on https://chatgpt.com. The same check runs
 * again on every message: a port that fails it is dropped, not trusted "for now".
 */
import { CHATGPT_HOST } from '../../core/chatgpt/http/endpoints'
import browser, { type Runtime } from '../../shared/platform/browser'

export const RELAY_PORT_PREFIX = 'ask-anywhere-relay:'

/** Time for an injected relay function to connect back. */
const CONNECT_TIMEOUT_MS = 10_000

interface Waiting {
  tabId: number
  resolve: (port: Runtime.Port) => void
  reject: (error: Error) => void
  timer: ReturnType<typeof setTimeout>
}

const originOf = (url: string | undefined) => {
  try {
    return url ? new URL(url).origin : undefined
  } catch {
    return undefined
  }
}

/** True when `sender` is our relay in the top frame of `tabId` on https://chatgpt.com. */
export function isRelaySender(sender: Runtime.MessageSender | undefined, tabId: number): boolean {
  if (!sender || sender.id !== browser.runtime.id) return false
  // Chrome reports the document's origin beside its URL; both must be chatgpt.com when present.
  const origin = (sender as { origin?: string }).origin
  return (
    sender.tab?.id === tabId &&
    sender.frameId === 0 &&
    originOf(sender.url) === CHATGPT_HOST &&
    (origin === undefined || origin === CHATGPT_HOST)
  )
}

export function createRelayPorts() {
  const waiting = new Map<string, Waiting>()

  return {
    /** A fresh one-time port name for one injection into `tabId`, and the port once it connects. */
    expect(tabId: number): { name: string; port: Promise<Runtime.Port>; cancel: () => void } {
      const name = RELAY_PORT_PREFIX + crypto.randomUUID()
      const port = new Promise<Runtime.Port>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(name)
          reject(new Error('The chatgpt.com tab did not answer the relay.'))
        }, CONNECT_TIMEOUT_MS)
        waiting.set(name, { tabId, resolve, reject, timer })
      })
      const cancel = () => {
        const entry = waiting.get(name)
        if (!entry) return
        clearTimeout(entry.timer)
        waiting.delete(name)
        entry.reject(new Error('relay cancelled'))
      }
      // A cancelled wait is not an unhandled rejection: the caller has already moved on.
      port.catch(() => undefined)
      return { name, port, cancel }
    },
    /** Handles a connecting port if it is a relay port (true), checking who opened it. */
    accept(port: Runtime.Port): boolean {
      if (!port.name.startsWith(RELAY_PORT_PREFIX)) return false
      const entry = waiting.get(port.name)
      if (!entry || !isRelaySender(port.sender, entry.tabId)) {
        port.disconnect()
        return true
      }
      clearTimeout(entry.timer)
      waiting.delete(port.name)
      entry.resolve(port)
      return true
    },
  }
}

export type RelayPorts = ReturnType<typeof createRelayPorts>
