/**
 * Runs one authorised request; if chatgpt.com answers 401 (expired, revoked or unreadable token),
 * drops that token, refreshes once through the shared single-flight source and retries exactly
 * once (F13). A second 401 means the login itself is gone: 'token-expired'.
 */
import { toChatGptError, type ResponseContext } from '../http/classify-response'
import type { SessionToken } from './fetch-session'

/** The part of the access-token source the wrapper needs. */
export interface TokenProvider {
  getToken(): Promise<SessionToken>
  invalidate(token?: string | SessionToken): void
}

/**
 * @param request builds and sends the request with the given token. It may be called twice, so
 *   it must be safe to repeat: only use it for requests the server refuses before acting on them
 *   (a 401 is decided before the body is read).
 * @returns the first non-401 response, untouched (the caller classifies other failures).
 */
export async function withTokenRetry(
  tokens: TokenProvider,
  request: (token: SessionToken) => Promise<Response>,
  context: ResponseContext = 'other',
): Promise<Response> {
  const first = await tokens.getToken()
  const response = await request(first)
  if (response.status !== 401) return response
  await response.body?.cancel().catch(() => undefined)
  tokens.invalidate(first)

  const second = await tokens.getToken()
  const retried = await request(second)
  if (retried.status !== 401) return retried
  // Leave no refused token cached: the next user action starts from a fresh session fetch.
  tokens.invalidate(second)
  throw await toChatGptError(retried, context)
}
