/**
 * The access-token source: one `/api/auth/session` fetch shared by every caller (F13), cached
 * until shortly before the JWT's `exp`, optionally mirrored into a worker-private storage area so
 * a restarted service worker does not refetch.
 */
import { SESSION_HOSTS } from '../http/endpoints'
import { describeToken, fetchSession, type SessionInfo, type SessionToken } from './fetch-session'

export type { SessionInfo, SessionToken } from './fetch-session'

/** What the cache area stores: the token record as-is (plain JSON). */
export type StoredToken = SessionToken

/**
 * Where a token may outlive the worker. Must be private to the service worker
 * (`chrome.storage.session` with the default access level), never anything a page or content
 * script can read (threats-and-faults.md G3).
 */
export interface TokenCacheArea {
  get(): Promise<StoredToken | undefined>
  set(value: StoredToken): Promise<void>
  clear(): Promise<void>
}

export interface AccessTokenSourceDeps {
  fetch: typeof globalThis.fetch
  /** Epoch-ms clock. */
  now: () => number
  /** Hosts asked in order; defaults to chatgpt.com then chat.openai.com. */
  hosts?: readonly string[]
  /** Refresh when less than this remains before `exp` (default 7 min). */
  refreshMarginMs?: number
  cache?: TokenCacheArea
}

export const DEFAULT_REFRESH_MARGIN_MS = 7 * 60_000

/** Creates the single source of access tokens for one worker. */
export function createAccessTokenSource(deps: AccessTokenSourceDeps) {
  const margin = deps.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS
  let current: { token: SessionToken; info: SessionInfo } | undefined
  let inflight: Promise<SessionToken> | undefined
  // The last token a caller saw refused: never handed out again from storage.
  let dropped: string | undefined
  // Storage operations run one after another so a clear can never overtake a later set.
  let storage: Promise<unknown> = Promise.resolve()
  const queue = <T>(op: () => Promise<T>): Promise<T | undefined> => {
    const next = storage.then(op).catch(() => undefined)
    storage = next
    return next
  }
  const fresh = (token: SessionToken) => token.expiresAt - deps.now() > margin

  async function load(): Promise<SessionToken> {
    const stored = deps.cache ? await queue(() => deps.cache!.get()) : undefined
    if (isStoredToken(stored) && stored.accessToken !== dropped && fresh(stored)) {
      current = { token: stored, info: describeToken(stored) }
      return stored
    }
    const session = await fetchSession({
      fetch: deps.fetch,
      now: deps.now,
      hosts: deps.hosts ?? SESSION_HOSTS,
      // No readable `exp`: keep it one minute, then ask again.
      fallbackTtlMs: margin + 60_000,
    })
    current = session
    if (deps.cache) void queue(() => deps.cache!.set(session.token))
    return session.token
  }

  /** A token with more than the refresh margin left; fetches at most once for all callers. */
  function getToken(): Promise<SessionToken> {
    if (current && fresh(current.token)) return Promise.resolve(current.token)
    inflight ??= load().finally(() => {
      inflight = undefined
    })
    return inflight
  }

  /**
   * Forget `token` because the server refused it. A no-op when the cache already holds a newer
   * token, so N requests failing with the same token cause one refresh. Pass the `SessionToken`
   * object you used when you have it: chatgpt.com re-issues the *same* JWT string until it nears
   * expiry, so only object identity tells "the copy I used" from "the copy just refreshed".
   * A string compares by value. Without an argument, forgets whatever is cached (logout).
   */
  function invalidate(token?: string | SessionToken): void {
    const held = current?.token
    const target = typeof token === 'string' ? token : (token ?? held)?.accessToken
    if (target === undefined) return
    const matches = token === undefined || (typeof token === 'string' ? held?.accessToken === token : held === token)
    // A newer token is already cached: this refusal was for a request sent before the refresh.
    if (held && !matches) return
    current = undefined
    dropped = target
    if (deps.cache) {
      const cache = deps.cache
      void queue(async () => {
        const stored = await cache.get()
        if (token === undefined || stored?.accessToken === target) await cache.clear()
      })
    }
  }

  /** Who is logged in (no credential). Rejects like {@link getToken} when nobody is. */
  async function getSessionInfo(): Promise<SessionInfo> {
    const token = await getToken()
    return current?.token === token ? current.info : describeToken(token)
  }

  return { getToken, invalidate, getSessionInfo }
}

/** The token source as seen by callers that only need tokens (e.g. the retry wrapper). */
export type AccessTokenSource = ReturnType<typeof createAccessTokenSource>

function isStoredToken(value: unknown): value is StoredToken {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return typeof record.accessToken === 'string' && typeof record.expiresAt === 'number' && typeof record.host === 'string'
}
