/**
 * `GET <host>/api/auth/session`: the browser's chatgpt.com login, as an access token
 * (protocol.md §3.1). Logged out is `200 {}`; a Cloudflare challenge is `403` + HTML.
 */
import { ChatGptError } from '../chatgpt-error'
import { toChatGptError } from '../http/classify-response'
import { fetchOrThrow } from '../http/network-error'
import { readBoundedText, parseJsonOrUndefined } from '../http/read-bounded'
import { readTokenClaims } from './jwt-claims'

export const SESSION_PATH = '/api/auth/session'

/** A usable access token and where it came from. Lives in worker memory / storage.session only. */
export interface SessionToken {
  accessToken: string
  /** Epoch ms, from the JWT's `exp`. */
  expiresAt: number
  /** Origin that issued it; every backend call goes to the same origin. */
  host: string
  accountId?: string
  userId?: string
}

/** Who is logged in, without the credential: safe to hand to the UI. */
export interface SessionInfo {
  host: string
  expiresAt: number
  userId?: string
  accountId?: string
  planType?: string
  email?: string
}

export interface FetchSessionDeps {
  fetch: typeof globalThis.fetch
  now: () => number
  hosts: readonly string[]
  /** Lifetime assumed when the token has no readable `exp`. */
  fallbackTtlMs: number
}

interface WireSession {
  accessToken?: unknown
  user?: { id?: unknown; email?: unknown }
  account?: { id?: unknown; planType?: unknown }
}

const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined)

/** Asks each host in turn; the first that has a session wins. */
export async function fetchSession(deps: FetchSessionDeps): Promise<{ token: SessionToken; info: SessionInfo }> {
  for (const [index, host] of deps.hosts.entries()) {
    try {
      const session = await askHost(deps, host)
      if (session) return session
    } catch (error) {
      // Only the first host's failure is news. Later hosts are a courtesy for old logins: the
      // extension has no host permission there, so a CORS "network error" is expected.
      if (index === 0) throw error
    }
  }
  throw new ChatGptError('not-logged-in', 'Not logged in to chatgpt.com.')
}

async function askHost(deps: FetchSessionDeps, host: string) {
  const response = await fetchOrThrow(deps.fetch, host + SESSION_PATH, {
    credentials: 'include',
    cache: 'no-store',
    headers: { Accept: 'application/json' },
  })
  if (!response.ok) throw await toChatGptError(response, 'session', deps.now)
  const text = await readBoundedText(response, 256 * 1024)
  const body = parseJsonOrUndefined(text) as WireSession | undefined
  if (typeof body !== 'object' || body === null) {
    const html = /html/i.test(response.headers.get('content-type') ?? '') || /^\s*</.test(text)
    throw html
      ? new ChatGptError('cloudflare-check', 'chatgpt.com asks for a security check.', { status: response.status })
      : new ChatGptError('unknown', 'chatgpt.com sent an unreadable session.', { status: response.status })
  }
  const accessToken = str(body.accessToken)
  if (!accessToken) return undefined
  const claims = readTokenClaims(accessToken)
  const token: SessionToken = { accessToken, expiresAt: claims.expiresAt ?? deps.now() + deps.fallbackTtlMs, host }
  const accountId = claims.accountId ?? str(body.account?.id)
  const userId = str(body.user?.id) ?? claims.userId
  if (accountId) token.accountId = accountId
  if (userId) token.userId = userId
  const info = describeToken(token)
  const planType = str(body.account?.planType) ?? claims.planType
  const email = str(body.user?.email)
  if (planType) info.planType = planType
  if (email) info.email = email
  return { token, info }
}

/** The credential-free view of a token. */
export function describeToken(token: SessionToken): SessionInfo {
  const info: SessionInfo = { host: token.host, expiresAt: token.expiresAt }
  if (token.userId) info.userId = token.userId
  if (token.accountId) info.accountId = token.accountId
  const planType = readTokenClaims(token.accessToken).planType
  if (planType) info.planType = planType
  return info
}
