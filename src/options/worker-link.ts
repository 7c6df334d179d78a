/**
 * The options page's port to the service worker. It connects on first use and again on the next
 * request after the worker was stopped (MV3 stops idle workers); replies arrive as checked
 * `OptionsEvent`s to every listener.
 */
import browser from '../shared/platform/browser'
import { UI_PORT_NAME, type UiRequest } from '../shared/messaging/protocol'
import { parseOptionsEvent, type OptionsEvent } from './parse-options-event'

export interface WorkerLink {
  /** False when the worker could not be reached at all. */
  post(request: UiRequest): boolean
  listen(listener: (event: OptionsEvent) => void): () => void
}

export function createWorkerLink(): WorkerLink {
  const listeners = new Set<(event: OptionsEvent) => void>()
  let port: ReturnType<typeof browser.runtime.connect> | undefined

  function connect() {
    const next = browser.runtime.connect({ name: UI_PORT_NAME })
    next.onMessage.addListener((message: unknown) => {
      const event = parseOptionsEvent(message)
      if (event) for (const listener of listeners) listener(event)
    })
    next.onDisconnect.addListener(() => {
      if (port === next) port = undefined
    })
    return next
  }

  return {
    post(request) {
      for (let attempt = 0; attempt < 2; attempt += 1) {
        try {
          port ??= connect()
          port.postMessage(request)
          return true
        } catch {
          // A port whose worker just went away throws once; a fresh one wakes a new worker.
          port = undefined
        }
      }
      return false
    },
    listen(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
