/**
 * Every request the browser context makes (pages, frames and the extension's service worker, which
 * Playwright reports for Chromium), with its origin and whether it carried `Authorization`.
 * The egress rule (T3, T14, G7): nothing leaves for any origin but chatgpt.com; the extension's
 * own files and `data:` URLs are local.
 */
import type { BrowserContext } from 'playwright-core'

export interface LoggedRequest {
  url: string
  origin: string
  method: string
  fromWorker: boolean
  /** Origin of the document that made it ('worker' for the service worker). */
  initiator: string
  authorization: string | undefined
  /** Why the browser did not complete it, e.g. `net::ERR_BLOCKED_BY_CSP` (set on `requestfailed`). */
  failure?: string
}

export const CHATGPT_ORIGIN = 'https://chatgpt.com'

export interface RequestLog {
  all: LoggedRequest[]
  /**
   * Requests to an origin other than chatgpt.com and the extension itself, leaving out the test web
   * pages' own server (`webOrigins`: the page the overlay sits on loads from there; the payloads
   * point at a separate attacker server).
   */
  offAllowList(webOrigins?: readonly string[]): LoggedRequest[]
  clear(): void
}

export function logRequests(context: BrowserContext): RequestLog {
  const all: LoggedRequest[] = []
  const byRequest = new WeakMap<object, LoggedRequest>()
  context.on('requestfailed', (request) => {
    const logged = byRequest.get(request)
    if (logged) logged.failure = request.failure()?.errorText ?? 'failed'
  })
  context.on('request', (request) => {
    const url = request.url()
    let origin = 'opaque'
    try {
      origin = new URL(url).origin
    } catch {
      // keep 'opaque'
    }
    const fromWorker = Boolean(request.serviceWorker())
    let initiator = 'worker'
    if (!fromWorker) {
      try {
        initiator = new URL(request.frame().url()).origin
      } catch {
        initiator = 'unknown'
      }
    }
    const logged: LoggedRequest = {
      url,
      origin,
      method: request.method(),
      fromWorker,
      initiator,
      authorization: request.headers()['authorization'],
    }
    byRequest.set(request, logged)
    all.push(logged)
  })
  return {
    all,
    offAllowList(webOrigins = []) {
      return all.filter(
        (r) =>
          !r.url.startsWith('data:') &&
          r.origin !== CHATGPT_ORIGIN &&
          // The extension's files, also under the per-session host of a use_dynamic_url page.
          !r.url.startsWith('chrome-extension://') &&
          !webOrigins.includes(r.origin),
      )
    },
    clear() {
      all.length = 0
    },
  }
}
