/**
 * Which UI port listens to which thread. A closed popup just drops its subscription: the answer
 * keeps streaming into storage and the next popup gets it from there.
 */
import type { Runtime } from '../shared/platform/browser'
import type { BackgroundEvent } from '../shared/messaging/protocol'

export function createPortHub() {
  const subscriptions = new Map<Runtime.Port, Set<string>>()

  function post(port: Runtime.Port, event: BackgroundEvent): void {
    try {
      port.postMessage(event)
    } catch {
      // The page went away between the check and the post: forget it.
      subscriptions.delete(port)
    }
  }

  return {
    add(port: Runtime.Port) {
      subscriptions.set(port, new Set())
    },
    remove(port: Runtime.Port) {
      subscriptions.delete(port)
    },
    subscribe(port: Runtime.Port, threadKey: string) {
      subscriptions.get(port)?.add(threadKey)
    },
    post,
    broadcast(threadKey: string, event: BackgroundEvent) {
      for (const [port, keys] of subscriptions) if (keys.has(threadKey)) post(port, event)
    },
    listeners(threadKey: string): number {
      let count = 0
      for (const keys of subscriptions.values()) if (keys.has(threadKey)) count += 1
      return count
    },
  }
}

export type PortHub = ReturnType<typeof createPortHub>
