/**
 * Which transport a request takes, and the automatic switch between them. chatgpt.com
 * increasingly refuses requests that do not come from its own page (protocol.md §0.2, §11.1): a
 * refusal of the direct path that points at origin or bot checks runs that request once more
 * through a chatgpt.com tab, and the refusal is remembered for a while so the next requests go
 * to the tab first instead of knocking on a door that was just shut. While no tab can relay, a
 * new request still tries the direct path (one request per user action, never a loop). Each
 * transport is tried at most once per request; a refusal through the relay is final.
 */
import { ChatGptError, isChatGptError } from '../chatgpt-error'
import type { RelayReason, Transport, TransportKind, TransportUse } from './transport'

/** How long a refusal of the direct path keeps requests on the relay. */
export const RELAY_MEMORY_MS = 30 * 60_000

export interface RememberedRelay {
  reason: RelayReason
  /** Epoch ms after which the direct path is tried again. */
  until: number
}

/** Where the choice outlives the worker (worker-private storage). */
export interface TransportMemoryArea {
  get(): Promise<unknown>
  set(value: RememberedRelay): Promise<void>
  clear(): Promise<void>
}

export interface TransportRouterDeps {
  direct: Transport
  /** Absent: there is nowhere to switch to, and refusals are final. */
  relay?: Transport
  memory?: TransportMemoryArea
  now: () => number
  memoryMs?: number
}

export interface Route {
  kind: TransportKind
  fetch: Transport
  /** Set when the route is the relay: what the UI says about it. */
  use?: TransportUse
}

export interface RunOptions {
  /** Told when the task starts on the relay (`use`), or moves to the direct path (`undefined`). */
  onUse?: (use: TransportUse | undefined) => void
  /** Refusals that must not switch (e.g. a challenge on the session endpoint: pass it, don't relay). */
  keepsRoute?: (error: unknown) => boolean
}

/** The refusals of the direct path that the relay may get past: origin and bot checks. */
export function relayReasonFor(error: unknown): RelayReason | undefined {
  if (!isChatGptError(error)) return undefined
  if (error.code === 'unusual-activity' && error.details.status === 403) return 'unusual-activity'
  if (error.code === 'cloudflare-check') return 'cloudflare-check'
  return undefined
}

/**
 * Through the relay, a security check is one the user must pass in the page: hand off to
 * chatgpt.com rather than send them to pass it and come back.
 */
function fromRelay(error: unknown): unknown {
  if (isChatGptError(error) && error.code === 'cloudflare-check') {
    return new ChatGptError('human-check-required', 'chatgpt.com wants a security check in the page.', error.details)
  }
  return error
}

const relayUnavailable = (error: unknown) => isChatGptError(error) && error.code === 'relay-unavailable'

function isRemembered(value: unknown): value is RememberedRelay {
  if (typeof value !== 'object' || value === null) return false
  const { reason, until } = value as Record<string, unknown>
  return (reason === 'unusual-activity' || reason === 'cloudflare-check') && typeof until === 'number'
}

export function createTransportRouter(deps: TransportRouterDeps) {
  const memoryMs = deps.memoryMs ?? RELAY_MEMORY_MS
  // undefined = not read from storage yet; null = nothing remembered.
  let remembered: RememberedRelay | null | undefined

  async function recall(): Promise<RememberedRelay | null> {
    if (!deps.relay) return null
    if (remembered === undefined) {
      const stored = await deps.memory?.get().catch(() => undefined)
      remembered ??= isRemembered(stored) ? stored : null
    }
    if (remembered && remembered.until <= deps.now()) await forget()
    return remembered ?? null
  }

  async function remember(reason: RelayReason): Promise<void> {
    remembered = { reason, until: deps.now() + memoryMs }
    await deps.memory?.set(remembered).catch(() => undefined)
  }

  async function forget(): Promise<void> {
    remembered = null
    await deps.memory?.clear().catch(() => undefined)
  }

  const directRoute: Route = { kind: 'direct', fetch: deps.direct }
  const relayRoute = (relay: Transport, reason: RelayReason): Route => ({ kind: 'relay', fetch: relay, use: { via: 'relay', reason } })

  async function current(): Promise<Route> {
    const memory = await recall()
    return memory && deps.relay ? relayRoute(deps.relay, memory.reason) : directRoute
  }

  /**
   * Runs `task` on the current route, switching at most once each way:
   * - direct, refused by origin/bot checks → remember, then the relay;
   * - relay, but no tab to relay through (`relay-unavailable`, raised before anything is sent)
   *   → the direct path.
   * The task must be repeatable up to the point of those failures: a 403 is decided before a
   * message is taken, and `relay-unavailable` comes before the tab gets the request.
   */
  async function run<T>(task: (route: Route) => Promise<T>, options: RunOptions = {}): Promise<T> {
    let route = await current()
    let unavailable: unknown
    const tried = new Set<TransportKind>()
    for (;;) {
      tried.add(route.kind)
      if (route.use) options.onUse?.(route.use)
      try {
        return await task(route)
      } catch (error) {
        if (route.kind === 'relay') {
          if (!relayUnavailable(error) || tried.has('direct')) throw fromRelay(error)
          unavailable = error
          options.onUse?.(undefined)
          route = directRoute
          continue
        }
        const reason = deps.relay && !options.keepsRoute?.(error) ? relayReasonFor(error) : undefined
        if (!reason || !deps.relay) throw error
        await remember(reason)
        // Refused again with no tab to relay through: the two ways forward, not the refusal.
        if (tried.has('relay')) throw unavailable
        route = relayRoute(deps.relay, reason)
      }
    }
  }

  return {
    run,
    current,
    /** What is remembered (for the connection check), if anything. */
    remembered: async (): Promise<RememberedRelay | undefined> => (await recall()) ?? undefined,
    /** Try the direct path again on the next request. */
    forget,
    hasRelay: deps.relay !== undefined,
  }
}

export type TransportRouter = ReturnType<typeof createTransportRouter>
