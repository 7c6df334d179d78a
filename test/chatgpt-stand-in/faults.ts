/**
 * Fault builders (protocol.md §9 error shapes) and the fault queue.
 *
 * Matching: `match.path` string = exact path (no query), RegExp = tested on the path;
 * `match.method` case-insensitive. Request faults (status, headerDelay, refuse) are consumed when a
 * matching request arrives; stream faults (stall, truncate, streamError, chunkAt, crlf) are consumed
 * only when a matching request actually starts an SSE answer, so a GET on the same path does not
 * use them up. One fault of each kind applies per request; `times` counts applications.
 */
import type { Fault, FaultKind, FaultMatch } from './types'

/** Both send endpoints (`/backend-api/conversation`, `/backend-api/f/conversation`), POST. */
export const SEND_PATH = /^\/backend-api\/(?:f\/)?conversation$/
export const SEND: FaultMatch = { path: SEND_PATH, method: 'POST' }
export const BACKEND: FaultMatch = { path: /^\/backend-api\// }
export const SESSION_OR_BACKEND: FaultMatch = { path: /^\/(?:api\/auth\/session$|backend-api\/)/ }

export const UNUSUAL_ACTIVITY = 'Unusual activity has been detected from your device. Try again later.'
export const ONE_AT_A_TIME =
  'Only one message at a time. Please allow any other responses to complete before sending another message, or wait one minute.'
export const TOKEN_EXPIRED = {
  detail: { code: 'token_expired', message: 'Your authentication token has expired. Please try refreshing it.' },
}
export const BAD_TOKEN = { detail: 'Could not parse your authentication token. Please try signing in again.' }
export const CONVERSATION_NOT_FOUND = { detail: { message: 'Conversation not found', code: 'conversation_not_found' } }
export const TOO_LONG = {
  detail: 'The message you submitted was too long, please reload the conversation and submit something shorter.',
}

export function cloudflareHtml(): string {
  return [
    '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>',
    '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta name="robots" content="noindex,nofollow">',
    '</head><body><div class="main-wrapper" role="main"><div class="main-content">',
    '<h1 class="zone-name-title h1">chatgpt.com</h1><h2 class="h2" id="challenge-running">Checking if the site connection is secure</h2>',
    '<div id="cf-please-wait"><p>Please stand by, while we are checking your browser...</p></div>',
    '<noscript><div id="challenge-error-title">Enable JavaScript and cookies to continue</div></noscript>',
    '</div></div><script>(function(){window._cf_chl_opt={cType:"managed"};})();</script></body></html>',
  ].join('\n')
}

export const CLOUDFLARE_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=UTF-8',
  'cf-mitigated': 'challenge',
  'cache-control': 'private, max-age=0, no-store, no-cache, must-revalidate',
  server: 'cloudflare',
}

type Opts = { match?: FaultMatch; times?: number }
const withMatch = (def: FaultMatch, o: Opts | undefined, kind: FaultKind): Fault => ({
  match: o?.match ?? def,
  ...(o?.times !== undefined ? { times: o.times } : {}),
  ...kind,
})

export const faults = {
  /** 401 token_expired (default: the next /backend-api/* request). */
  tokenExpired: (o?: Opts): Fault => withMatch(BACKEND, o, { kind: 'status', status: 401, body: TOKEN_EXPIRED }),
  /** 401 "Could not parse your authentication token". */
  badToken: (o?: Opts): Fault => withMatch(BACKEND, o, { kind: 'status', status: 401, body: BAD_TOKEN }),
  /** 403 {"detail":"Unusual activity…"} on the next send. */
  unusualActivity: (o?: Opts): Fault => withMatch(SEND, o, { kind: 'status', status: 403, body: { detail: UNUSUAL_ACTIVITY } }),
  /** 2023-24 wording of the same. */
  unusualActivityLegacy: (o?: Opts): Fault =>
    withMatch(SEND, o, {
      kind: 'status',
      status: 403,
      body: { detail: 'Our systems have detected unusual activity from your system. Please try again later.' },
    }),
  /** 403 with an empty body (2026 PoW rejection at the conversation POST). */
  forbiddenEmpty: (o?: Opts): Fault => withMatch(SEND, o, { kind: 'status', status: 403, body: '' }),
  /** 429 model_cap_exceeded with clears_in (seconds); `retryAfter` adds a Retry-After header. */
  rateLimited: (o?: Opts & { clearsIn?: number; retryAfter?: number }): Fault =>
    withMatch(SEND, o, {
      kind: 'status',
      status: 429,
      body: {
        detail: {
          clears_in: o?.clearsIn ?? 252,
          code: 'model_cap_exceeded',
          message: 'You have sent too many messages to the model. Please try again later.',
        },
      },
      ...(o?.retryAfter !== undefined ? { headers: { 'retry-after': String(o.retryAfter) } } : {}),
    }),
  /** Plain 429 "Too Many Requests" with Retry-After (seconds). */
  tooManyRequests: (o?: Opts & { retryAfter?: number }): Fault =>
    withMatch(SEND, o, {
      kind: 'status',
      status: 429,
      body: 'Too Many Requests',
      headers: { 'retry-after': String(o?.retryAfter ?? 2), 'content-type': 'text/plain; charset=utf-8' },
    }),
  /** 429 "Only one message at a time…". */
  oneAtATime: (o?: Opts): Fault => withMatch(SEND, o, { kind: 'status', status: 429, body: { detail: ONE_AT_A_TIME } }),
  /** 404 conversation_not_found (default: the next send; pass a match for the GET). */
  conversationNotFound: (o?: Opts): Fault => withMatch(SEND, o, { kind: 'status', status: 404, body: CONVERSATION_NOT_FOUND }),
  /** 4xx "Conversation key not found" (history-disabled chats, 2024). */
  conversationKeyNotFound: (o?: Opts): Fault =>
    withMatch(SEND, o, {
      kind: 'status',
      status: 400,
      body: { detail: { message: 'Conversation key not found. Try starting a new conversation.' } },
    }),
  /** 413 "The message you submitted was too long…". */
  tooLong: (o?: Opts): Fault => withMatch(SEND, o, { kind: 'status', status: 413, body: TOO_LONG }),
  /** 422 pydantic-style body error. */
  unprocessable: (o?: Opts): Fault =>
    withMatch(SEND, o, {
      kind: 'status',
      status: 422,
      body: { detail: [{ loc: ['body', 'messages'], msg: 'field required', type: 'value_error.missing' }] },
    }),
  /** 500 "Internal Server Error" text. */
  serverError: (o?: Opts & { status?: 500 | 502 | 503 }): Fault =>
    withMatch(SEND, o, {
      kind: 'status',
      status: o?.status ?? 500,
      body: 'Internal Server Error',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    }),
  /** 403 Cloudflare challenge HTML + cf-mitigated: challenge (default: session or backend). */
  cloudflare: (o?: Opts): Fault =>
    withMatch(SESSION_OR_BACKEND, o, { kind: 'status', status: 403, body: cloudflareHtml(), headers: CLOUDFLARE_HEADERS }),
  /** 400 flagged_by_moderation (shape from a proxy that emulates upstream; unverified). */
  moderation: (o?: Opts): Fault =>
    withMatch(SEND, o, {
      kind: 'status',
      status: 400,
      body: { detail: { code: 'flagged_by_moderation', message: 'This content may violate our usage policies.' } },
    }),
  /** 200 JSON instead of SSE (2024 WebSocket-mode reply). */
  jsonInsteadOfStream: (o?: Opts): Fault =>
    withMatch(SEND, o, {
      kind: 'status',
      status: 200,
      body: {
        conversation_id: '00000000-0000-4000-8000-000000000000',
        websocket_request_id: '00000000-0000-4000-8000-000000000001',
        response_id: 'resp-stand-in',
        wss_url: 'wss://127.0.0.1/never',
      },
    }),
  headerDelay: (ms: number, o?: Opts): Fault => withMatch(SEND, o, { kind: 'headerDelay', ms }),
  stall: (p: { ms: number; afterFrames?: number; afterBytes?: number }, o?: Opts): Fault =>
    withMatch(SEND, o, { kind: 'stall', ...p }),
  truncate: (p: { afterFrames?: number; afterBytes?: number; abort?: boolean } = {}, o?: Opts): Fault =>
    withMatch(SEND, o, { kind: 'truncate', ...p }),
  streamError: (p: { afterFrames?: number; message?: string } = {}, o?: Opts): Fault =>
    withMatch(SEND, o, { kind: 'streamError', ...p }),
  chunkAt: (offsets: number[], o?: Opts): Fault => withMatch(SEND, o, { kind: 'chunkAt', offsets }),
  crlf: (o?: Opts): Fault => withMatch(SEND, o, { kind: 'crlf' }),
  refuse: (o?: Opts): Fault => withMatch(SEND, o, { kind: 'refuse' }),
}

export const REQUEST_FAULT_KINDS = ['status', 'headerDelay', 'refuse'] as const
export const STREAM_FAULT_KINDS = ['stall', 'truncate', 'streamError', 'chunkAt', 'crlf'] as const

interface QueuedFault {
  fault: Fault
  remaining: number
}

export class FaultQueue {
  private items: QueuedFault[] = []

  add(fault: Fault): void {
    const times = fault.times ?? 1
    if (!(times > 0)) throw new Error(`fault.times must be > 0 (got ${String(times)})`)
    this.items.push({ fault, remaining: times })
  }

  clear(): void {
    this.items = []
  }

  get size(): number {
    return this.items.length
  }

  /** Take (consume one application of) the first fault of `kind` matching the request. */
  take<K extends Fault['kind']>(kind: K, method: string, path: string): Extract<Fault, { kind: K }> | null {
    const idx = this.items.findIndex((q) => q.fault.kind === kind && matches(q.fault.match, method, path))
    if (idx < 0) return null
    const q = this.items[idx]
    if (!q) return null
    q.remaining -= 1
    if (q.remaining <= 0) this.items.splice(idx, 1)
    return q.fault as Extract<Fault, { kind: K }>
  }

  /** First request-level fault: refuse and status win over headerDelay. */
  takeRequestFault(method: string, path: string): Fault | null {
    const idx = this.items.findIndex(
      (q) => (q.fault.kind === 'status' || q.fault.kind === 'refuse') && matches(q.fault.match, method, path),
    )
    if (idx < 0) return null
    const q = this.items[idx]
    if (!q) return null
    q.remaining -= 1
    if (q.remaining <= 0) this.items.splice(idx, 1)
    return q.fault
  }
}

export function matches(m: FaultMatch, method: string, path: string): boolean {
  if (m.method && m.method.toUpperCase() !== method.toUpperCase()) return false
  const p = m.path
  if (p === undefined) return true
  if (typeof p === 'string') return p === path
  p.lastIndex = 0
  return p.test(path)
}
