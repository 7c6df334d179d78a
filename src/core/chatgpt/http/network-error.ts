/**
 * Maps what `fetch()` throws (not what it resolves) to a `ChatGptError`: offline, DNS, TLS and
 * CORS failures all surface as `TypeError: Failed to fetch` (F17), an abort as `AbortError`.
 */
import { ChatGptError, isChatGptError } from '../chatgpt-error'

function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string'
    ? error.name
    : undefined
}

/**
 * @param signal the request's signal: `abort(reason)` rejects with the *reason*, which may be
 *   any value, so an aborted signal is the reliable sign that the user stopped it.
 */
export function toNetworkError(error: unknown, signal?: AbortSignal): ChatGptError {
  if (isChatGptError(error)) return error
  if (signal?.aborted || errorName(error) === 'AbortError') return new ChatGptError('aborted', 'Stopped.')
  if (error instanceof TypeError || errorName(error) === 'TimeoutError') {
    // The browser's text ("Failed to fetch") carries no secrets and helps support.
    const details = error instanceof Error && error.message ? { serverMessage: error.message } : {}
    return new ChatGptError('network', 'Could not reach chatgpt.com.', details)
  }
  return new ChatGptError('unknown', 'The request failed unexpectedly.')
}

/** `fetch` that rejects only with `ChatGptError` ('network' | 'aborted' | 'unknown'). */
export async function fetchOrThrow(
  fetchFn: typeof globalThis.fetch,
  input: string,
  init: RequestInit = {},
): Promise<Response> {
  try {
    return await fetchFn(input, init)
  } catch (error) {
    throw toNetworkError(error, init.signal ?? undefined)
  }
}
