/**
 * Reads the few claims we need from the access token's payload (protocol.md §3.2). The signature
 * is not checked: the token comes straight from chatgpt.com over TLS and only chatgpt.com ever
 * validates it. We read `exp` so the cache never outlives the token.
 */
export interface TokenClaims {
  /** Expiry, epoch ms. */
  expiresAt?: number
  accountId?: string
  userId?: string
  planType?: string
}

const AUTH_CLAIM = 'https://api.openai.com/auth'

function decodeBase64Url(segment: string): string {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/')
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4)
  const binary = atob(padded)
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0))
  return new TextDecoder().decode(bytes)
}

/** Claims of a JWT, or `{}` when it is not a readable JWT (never throws). */
export function readTokenClaims(token: string): TokenClaims {
  const payload = token.split('.')[1]
  if (!payload) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(decodeBase64Url(payload))
  } catch {
    return {}
  }
  if (typeof parsed !== 'object' || parsed === null) return {}
  const root = parsed as Record<string, unknown>
  const auth = (typeof root[AUTH_CLAIM] === 'object' && root[AUTH_CLAIM] !== null ? root[AUTH_CLAIM] : {}) as Record<string, unknown>
  const claims: TokenClaims = {}
  if (typeof root.exp === 'number' && Number.isFinite(root.exp)) claims.expiresAt = root.exp * 1000
  if (typeof auth.chatgpt_account_id === 'string') claims.accountId = auth.chatgpt_account_id
  if (typeof auth.user_id === 'string') claims.userId = auth.user_id
  if (typeof auth.chatgpt_plan_type === 'string') claims.planType = auth.chatgpt_plan_type
  return claims
}
