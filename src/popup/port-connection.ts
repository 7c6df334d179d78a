/**
 * A UI port that comes back. The service worker can be stopped at any time (MV3); the port then
 * disconnects and the page reconnects with backoff (50 ms doubling to 1 s, faults F20), running
 * `onOpen` again so the thread is re-opened on the new worker. The connect function is injected,
 * so this has no browser import and runs in tests with a fake port.
 */
import type { BackgroundEvent, UiRequest } from '../shared/messaging/protocol'
import { parseBackgroundEvent } from './parse-event'

/** The part of `Runtime.Port` this uses. */
export interface PortLike {
  postMessage(message: UiRequest): void
  disconnect(): void
  onMessage: { addListener(callback: (message: unknown) => void): void }
  onDisconnect: { addListener(callback: () => void): void }
}

export interface ConnectionOptions {
  connect: () => PortLike
  /** Runs on every (re)connect, before any other request: re-open the thread, re-ask state. */
  onOpen: (post: (request: UiRequest) => boolean) => void
  onEvent: (event: BackgroundEvent) => void
  onConnectedChange?: (connected: boolean) => void
}

export interface Connection {
  /** Sends a request; false when there is no live port (the caller keeps the user's input). */
  post(request: UiRequest): boolean
  close(): void
}

const FIRST_DELAY_MS = 50
const MAX_DELAY_MS = 1000

/** The wait before reconnect attempt `attempt` (0-based). */
export function reconnectDelay(attempt: number): number {
  return Math.min(FIRST_DELAY_MS * 2 ** attempt, MAX_DELAY_MS)
}

/** Connects now and keeps reconnecting until `close()`. */
export function openConnection({ connect, onOpen, onEvent, onConnectedChange }: ConnectionOptions): Connection {
  let port: PortLike | undefined
  let attempt = 0
  let closed = false
  let timer: ReturnType<typeof setTimeout> | undefined

  const post = (request: UiRequest): boolean => {
    if (!port) return false
    try {
      port.postMessage(request)
      return true
    } catch {
      // "Attempting to use a disconnected port object": onDisconnect will schedule the reconnect.
      return false
    }
  }

  const retry = () => {
    port = undefined
    onConnectedChange?.(false)
    if (closed || timer) return
    timer = setTimeout(() => {
      timer = undefined
      start()
    }, reconnectDelay(attempt++))
  }

  function start() {
    if (closed) return
    let next: PortLike
    try {
      next = connect()
    } catch {
      // The extension context can be invalidated (update/reload); keep trying at the slow end.
      retry()
      return
    }
    port = next
    next.onMessage.addListener((message) => {
      if (port !== next) return
      attempt = 0 // the worker answered: the next disconnect starts the backoff over
      const event = parseBackgroundEvent(message)
      if (event) onEvent(event)
    })
    next.onDisconnect.addListener(() => {
      if (port === next) retry()
    })
    onConnectedChange?.(true)
    onOpen(post)
  }

  start()
  return {
    post,
    close() {
      closed = true
      clearTimeout(timer)
      const current = port
      port = undefined
      current?.disconnect()
    },
  }
}
