/**
 * Public types of the chatgpt.com stand-in (see README.md). Other test suites code against these
 * names: extend, do not rename.
 */

export type Era = '2023' | '2024' | '2025' | '2026'

export interface StandInOptions {
  era?: Era
  /** 0 (default) = random free port on 127.0.0.1. */
  port?: number
  /**
   * PoW difficulty for every sentinel generation (lexicographic hex-prefix bound). Default:
   * '0fffff' for SHA3 (2024/2025) and '0fff' for FNV (2026); both ≈ 16 tries on average.
   */
  difficulty?: string
  /** Size of the bounded request log (default 2000). */
  logLimit?: number
}

export interface StandIn {
  port: number
  /** 'https://127.0.0.1:PORT' */
  origin: string
  certPem: string
  /** base64(sha256(SubjectPublicKeyInfo DER)), for Chromium's --ignore-certificate-errors-spki-list. */
  spkiSha256: string
  era: Era
  setEra(era: Era): void
  /** Cookie name/value a test sets in the browser to be logged in as the default account. */
  loginCookie: { name: '__Secure-next-auth.session-token'; value: string }
  /** Token TTL for issued access tokens (default 10 days), to test refresh. Drops the cached token. */
  setTokenTtlSeconds(s: number): void
  /**
   * Extension: every access token issued so far answers 401 `token_expired` from now on, while
   * the next `/api/auth/session` issues a new one that works: a deterministic refresh race (F13),
   * unlike count-based status faults, which a retry can consume.
   */
  revokeIssuedTokens(): void
  /**
   * Queue the next answers (FIFO); when empty the stand-in composes a deterministic markdown
   * answer from the prompt (`You asked: <prompt>` plus a short list).
   */
  queueAnswer(answer: ScriptedAnswer): void
  /** Faults, applied to matching requests: one-shot by default (`times`), or persistent. */
  injectFault(fault: Fault): void
  clearFaults(): void
  /** Persistent switches. */
  setMode(mode: Partial<Modes>): void
  /** Current switches (a copy). */
  modes(): Modes
  /** Every request (bounded, oldest dropped first). The array instance is stable across reset(). */
  log: RequestLogEntry[]
  /** All strict-check violation codes seen since start/reset (not bounded by the log). */
  violations(): string[]
  /** Same, with a human-readable detail and the request they came from. */
  violationDetails(): ViolationRecord[]
  /** Server state (deep copies). */
  conversations(): StoredConversation[]
  /** Resolves with the first (existing or future) entry matching; re-checked whenever an entry changes. Bounded (default 5000 ms). */
  waitFor(predicate: (e: RequestLogEntry) => boolean, timeoutMs?: number): Promise<RequestLogEntry>
  /** Clear log, violations, faults, conversations, modes, queued answers, tokens. The era is kept. */
  reset(): void
  /** closeAllConnections, then close. Never hangs on open SSE sockets. */
  close(): Promise<void>
}

export interface ScriptedAnswer {
  text: string
  /**
   * How to chunk the SSE body bytes on the wire: 'frames' (one write per event, default), a number
   * (every N bytes), or explicit byte offsets. Writes are spaced by delayMs.
   */
  chunking?: 'frames' | number | number[]
  /** Between writes (default 5). */
  delayMs?: number
  /** Characters (UTF-16 code units) per delta frame (default 8; a surrogate pair is never split). */
  tokensPerFrame?: number
  finishReason?: 'stop' | 'max_tokens'
  /** 2026: emit a thoughts message + reasoning_recap message before the final-channel answer. */
  reasoning?: boolean
  title?: string
  /**
   * Extension: write non-ASCII characters as raw UTF-8 instead of `\uXXXX` escapes (the real server
   * escapes; raw bytes let tests split inside UTF-8 sequences). Defaults to Modes.rawUtf8.
   */
  rawUtf8?: boolean
}

export interface Modes {
  /** Default true: the cookie logs in. false => session `{}` always. */
  loggedIn: boolean
  /** /api/auth/session and /backend-api/* => 403 HTML "Just a moment..." with cf-mitigated: challenge. */
  cloudflare: boolean
  /** Sentinel says turnstile required; a send without Openai-Sentinel-Turnstile-Token => 403. */
  turnstileRequired: boolean
  /** Sentinel says arkose required (2023: body arkose_token must be a string). */
  arkoseRequired: boolean
  /** When set, conversation POSTs whose Origin header differs get 403 unusual activity. */
  requireOrigin: string | null
  /** Default true (only matters in eras with a sentinel). */
  powRequired: boolean
  /** Default true: each requirements token is single-use and expires (expire_after 540). */
  oneShotSentinel: boolean
  /** Extension: see ScriptedAnswer.rawUtf8 (default false = `\uXXXX` escapes like the real server). */
  rawUtf8: boolean
  /** Extension: PoW difficulty override (null = the start option / era default). */
  difficulty: string | null
  /** Extension: lifetime of sentinel tokens (default 540 = `expire_after`), to test expiry. */
  sentinelTtlSeconds: number
}

export interface FaultMatch {
  /** A string matches the exact path (no query); a RegExp is tested against the path. */
  path?: string | RegExp
  method?: string
}

export type FaultKind =
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'headerDelay'; ms: number }
  /** Stop writing for ms (Infinity = until the client closes). Default point: half of the frames. */
  | { kind: 'stall'; afterBytes?: number; afterFrames?: number; ms: number }
  /**
   * End the response early, no [DONE]/complete; the server still stores the finished message.
   * `abort: true` (extension) destroys the socket instead of a clean chunked end.
   */
  | { kind: 'truncate'; afterFrames?: number; afterBytes?: number; abort?: boolean }
  /** In-stream `{"message":null,"error":"..."}` event, then end. */
  | { kind: 'streamError'; afterFrames?: number; message?: string }
  /** Split the body at these byte offsets (added to the answer's own chunking). */
  | { kind: 'chunkAt'; offsets: number[] }
  /** Frame lines end with \r\n. */
  | { kind: 'crlf' }
  /** Destroy the socket without any response. */
  | { kind: 'refuse' }

export type Fault = { match: FaultMatch; times?: number /* default 1; Infinity = persistent */ } & FaultKind

export interface RequestLogEntry {
  /** Sequence number since start (monotonic, survives reset). */
  id: number
  /** Epoch ms when the request head arrived. */
  time: number
  method: string
  /** Host header without port ('chatgpt.com', 'chat.openai.com', '127.0.0.1'). */
  host: string
  path: string
  query: Record<string, string>
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>
  cookies: Record<string, string>
  /** Parsed JSON, or text, or null when empty. */
  body: unknown
  era: Era
  /** Status answered (0 until the head was written, or when refused). */
  status: number
  violations: string[]
  /** Connection closed before the response ended (client abort). */
  closedByClient: boolean
  /** Response fully written by the server. */
  finished: boolean
  /** Fault kinds applied to this request. */
  faults: string[]
  /** For sends: the SSE body bytes written so far. */
  bytesWritten: number
}

export interface ViolationRecord {
  code: string
  detail: string
  requestId: number
  method: string
  path: string
}

export interface StoredMessage {
  id: string
  author: { role: string; name: string | null; metadata: Record<string, unknown> }
  create_time: number | null
  update_time: number | null
  content: Record<string, unknown>
  status: string
  end_turn: boolean | null
  weight: number
  metadata: Record<string, unknown>
  recipient: string
  channel: string | null
}

export interface MappingNode {
  id: string
  message: StoredMessage | null
  parent: string | null
  children: string[]
}

export interface StoredConversation {
  id: string
  accountId: string
  title: string
  isVisible: boolean
  isArchived: boolean
  temporary: boolean
  createTime: number
  updateTime: number
  model: string
  mapping: Record<string, MappingNode>
  currentNode: string
  /** Every accepted user message id, in order (a duplicate appears twice). */
  userMessageIds: string[]
  /** A stream for this conversation is being generated. */
  streaming: boolean
}
