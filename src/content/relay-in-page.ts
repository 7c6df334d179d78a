/**
 * The relay function (issue 11). Built alone into injected/relay-in-page.js (injected-scripts.ts),
 * which the worker injects into the top frame of a chatgpt.com tab, in the extension's isolated
 * world, and calls once per request. It connects a port back to
 * the worker under the one-time name it was given, takes one request, performs it same-origin with
 * the page's cookies (the browser sets `Origin`, `Referer`, `Sec-Fetch-*` as for the page itself;
 * nothing is forged), and streams back the status, the few headers the client reads, and the body
 * as base64 chunks. A disconnect from the worker aborts the fetch.
 *
 * Two values come from the page rather than the worker, so each request looks like the page's own
 * and no credential ever travels to the tab: the bearer token (read from the page's
 * `/api/auth/session`, cached in this isolated world for a few minutes, dropped on a 401) and the
 * device id (the page's `oai-did` cookie, which the page itself sends as `Oai-Device-Id`).
 *
 * At run time it references nothing outside itself (types only), so the test harness can revive
 * it from its source alone.
 * It returns the document's origin, which the worker checks before trusting the port.
 */
import type { RelayRequest } from '../core/chatgpt/transport/relay-wire'

export function relayInPage(portName: string): string {
  const RESPONSE_HEADERS = ['content-type', 'cf-mitigated', 'retry-after'] // = RELAY_RESPONSE_HEADERS (relay-wire.ts)
  // 48 KiB of bytes → 64 Ki base64 characters per message, under the worker's per-chunk bound.
  const CHUNK_BYTES = 48 * 1024
  const TOKEN_TTL_MS = 5 * 60_000

  interface SessionCache {
    token?: string
    at?: number
  }

  const port = chrome.runtime.connect({ name: portName })
  const controller = new AbortController()
  let started = false
  const post = (message: object) => {
    try {
      port.postMessage(message)
    } catch {
      controller.abort() // the worker is gone
    }
  }
  port.onDisconnect.addListener(() => controller.abort())

  const scope = globalThis as { __askAnywhereRelaySession?: SessionCache }
  const session = (scope.__askAnywhereRelaySession ??= {})

  async function pageToken(): Promise<string | undefined> {
    if (session.token && session.at !== undefined && Date.now() - session.at < TOKEN_TTL_MS) return session.token
    const response = await fetch('/api/auth/session', { credentials: 'include', cache: 'no-store', signal: controller.signal })
    if (!response.ok) return undefined
    const body = (await response.json().catch(() => undefined)) as { accessToken?: unknown } | undefined
    const token = typeof body?.accessToken === 'string' && body.accessToken !== '' ? body.accessToken : undefined
    session.token = token
    session.at = Date.now()
    return token
  }

  function deviceId(): string | undefined {
    const match = /(?:^|;\s*)oai-did=([^;]+)/.exec(document.cookie)
    return match?.[1] ? decodeURIComponent(match[1]) : undefined
  }

  function base64(bytes: Uint8Array): string {
    let binary = ''
    for (let i = 0; i < bytes.length; i += 0x2000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x2000))
    return btoa(binary)
  }

  function isRequest(value: unknown): value is RelayRequest {
    if (typeof value !== 'object' || value === null) return false
    const r = value as Record<string, unknown>
    return (
      r.type === 'request' &&
      typeof r.url === 'string' &&
      typeof r.method === 'string' &&
      /^(GET|POST|PATCH|PUT|DELETE)$/.test(r.method) &&
      Array.isArray(r.headers) &&
      r.headers.every((h) => Array.isArray(h) && h.length === 2 && typeof h[0] === 'string' && typeof h[1] === 'string') &&
      (r.body === undefined || typeof r.body === 'string') &&
      typeof r.authorize === 'boolean'
    )
  }

  async function perform(request: RelayRequest): Promise<void> {
    const url = new URL(request.url, location.href)
    // Same-origin only: this relay is the page's own network, not a proxy to anywhere.
    if (url.origin !== location.origin) throw new TypeError('The relay performs only same-origin requests.')
    const headers = new Headers(request.headers)
    if (request.authorize) {
      const token = await pageToken()
      if (token) headers.set('Authorization', `Bearer ${token}`)
    }
    const did = deviceId()
    if (did && headers.has('oai-device-id')) headers.set('Oai-Device-Id', did)
    const response = await fetch(url.href, {
      method: request.method,
      headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      credentials: 'include',
      cache: 'no-store',
      signal: controller.signal,
    })
    if (response.status === 401) session.token = undefined
    const kept: Array<[string, string]> = []
    response.headers.forEach((value, name) => {
      if (RESPONSE_HEADERS.includes(name)) kept.push([name, value])
    })
    post({ type: 'head', status: response.status, statusText: response.statusText, headers: kept })
    if (response.body) {
      const reader = response.body.getReader()
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        for (let i = 0; i < value.length; i += CHUNK_BYTES) post({ type: 'chunk', data: base64(value.subarray(i, i + CHUNK_BYTES)) })
      }
    }
    post({ type: 'end' })
  }

  port.onMessage.addListener((message: unknown) => {
    if (started || !isRequest(message)) return
    started = true
    perform(message).catch((error: unknown) => {
      const e = error as { name?: unknown; message?: unknown } | null
      post({
        type: 'error',
        name: typeof e?.name === 'string' ? e.name : 'Error',
        message: typeof e?.message === 'string' ? e.message : String(error),
      })
    })
  })
  return location.origin
}
