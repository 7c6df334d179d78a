/**
 * A Node `fetch` that behaves like the extension's service worker talking to chatgpt.com, but
 * reaches the stand-in: https://chatgpt.com and https://chat.openai.com are connected to
 * 127.0.0.1:<port> with the real host name as SNI and Host, and the committed certificate as the
 * only trusted CA. Cookies work like a browser's jar with credentials:'include' (per host, fed by
 * Set-Cookie; a Cookie header set by the caller is dropped, as browsers drop it). Non-GET requests
 * carry `Origin: chrome-extension://test-extension-id`. Responses are the real streaming bodies.
 * Any other host is refused (no network).
 */
import { Agent, buildConnector } from 'undici'
import type { StandIn } from './types'

export const TEST_EXTENSION_ORIGIN = 'chrome-extension://test-extension-id'
export const REAL_HOSTS = ['chatgpt.com', 'chat.openai.com'] as const
const CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'

export interface BrowserLikeFetchOptions {
  /** Cookies present for both chatgpt.com and chat.openai.com. */
  cookies?: Record<string, string>
  /** Cookies for one host only (e.g. `{ 'chat.openai.com': {...} }`); override `cookies`. */
  cookiesByHost?: Record<string, Record<string, string>>
  /** Origin sent on non-GET/HEAD requests; null = none. Default chrome-extension://test-extension-id. */
  origin?: string | null
}

export class CookieJar {
  private byHost = new Map<string, Map<string, string>>()

  set(host: string, name: string, value: string): void {
    let m = this.byHost.get(host)
    if (!m) {
      m = new Map()
      this.byHost.set(host, m)
    }
    m.set(name, value)
  }

  delete(host: string, name: string): void {
    this.byHost.get(host)?.delete(name)
  }

  get(host: string, name: string): string | undefined {
    return this.byHost.get(host)?.get(name)
  }

  all(host: string): Record<string, string> {
    return Object.fromEntries(this.byHost.get(host) ?? [])
  }

  header(host: string): string | null {
    const m = this.byHost.get(host)
    if (!m || m.size === 0) return null
    return [...m].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  /** Apply one Set-Cookie header line received from `host`. */
  store(host: string, line: string): void {
    const [pair = '', ...attrs] = line.split(';')
    const eq = pair.indexOf('=')
    if (eq <= 0) return
    const name = pair.slice(0, eq).trim()
    const value = pair.slice(eq + 1).trim()
    let expired = false
    for (const a of attrs) {
      const [k = '', v = ''] = a.split('=').map((s) => s.trim())
      if (k.toLowerCase() === 'max-age' && Number(v) <= 0) expired = true
      if (k.toLowerCase() === 'expires' && Date.parse(v) < Date.now()) expired = true
    }
    if (expired) this.delete(host, name)
    else this.set(host, name, value)
  }
}

export type BrowserLikeFetch = typeof fetch & {
  jar: CookieJar
  close(): Promise<void>
}

export function createBrowserLikeFetch(standIn: StandIn, options: BrowserLikeFetchOptions = {}): BrowserLikeFetch {
  const jar = new CookieJar()
  for (const host of REAL_HOSTS) for (const [k, v] of Object.entries(options.cookies ?? {})) jar.set(host, k, v)
  for (const [host, cookies] of Object.entries(options.cookiesByHost ?? {})) {
    for (const [k, v] of Object.entries(cookies)) jar.set(host, k, v)
  }
  const origin = options.origin === undefined ? TEST_EXTENSION_ORIGIN : options.origin
  const connector = buildConnector({ ca: standIn.certPem, rejectUnauthorized: true })
  const agent = new Agent({
    connect: (opts, cb) => {
      const hostname = opts.hostname
      if ((REAL_HOSTS as readonly string[]).includes(hostname)) {
        connector({ ...opts, hostname: '127.0.0.1', port: String(standIn.port), servername: hostname }, cb)
      } else {
        // The stand-in's own origin (127.0.0.1 / localhost): the cert carries those SANs too.
        connector({ ...opts, servername: hostname === '127.0.0.1' ? 'chatgpt.com' : hostname }, cb)
      }
    },
  })

  const f = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const req = new Request(input, init)
    const url = new URL(req.url)
    const host = url.hostname
    const isStandInOrigin = (host === '127.0.0.1' || host === 'localhost') && Number(url.port) === standIn.port
    if (url.protocol !== 'https:' || !((REAL_HOSTS as readonly string[]).includes(host) || isStandInOrigin)) {
      throw new TypeError(`browser-like fetch: refusing ${url.origin} (only chatgpt.com / chat.openai.com via the stand-in)`)
    }
    const headers = new Headers(req.headers)
    headers.delete('cookie')
    headers.delete('host')
    headers.delete('origin')
    const cookie = req.credentials === 'omit' ? null : jar.header(host)
    if (cookie) headers.set('cookie', cookie)
    const method = req.method.toUpperCase()
    if (origin && method !== 'GET' && method !== 'HEAD') headers.set('origin', origin)
    if (!headers.has('user-agent')) headers.set('user-agent', CHROME_UA)
    if (!headers.has('accept-language')) headers.set('accept-language', 'en-US,en;q=0.9')
    const body = method === 'GET' || method === 'HEAD' ? undefined : await req.arrayBuffer()
    // The caller's own signal, not `req.signal`: a Request's signal follows its parent only while
    // the Request object lives (undici holds it by WeakRef), so after a GC an abort got lost.
    const signal = init?.signal ?? (input instanceof Request ? input.signal : null)
    const res = await fetch(url, {
      method,
      headers,
      body,
      signal,
      redirect: req.redirect,
      dispatcher: agent,
    } as RequestInit)
    if (req.credentials !== 'omit') for (const line of res.headers.getSetCookie()) jar.store(host, line)
    return res
  }
  return Object.assign(f as typeof fetch, {
    jar,
    close: async () => {
      await agent.destroy().catch(() => undefined)
    },
  })
}
