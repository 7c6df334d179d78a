/**
 * The chatgpt.com stand-in: an HTTPS server on 127.0.0.1 that answers like the ChatGPT web backend
 * of a chosen era (protocol.md §3-9, §12.2), records every request, checks the client strictly
 * and injects faults. See README.md for the API.
 */
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:https'
import type { Server } from 'node:https'
import type { Socket } from 'node:net'
import { CERT_PEM, KEY_PEM, spkiSha256 } from './cert'
import {
  BAD_TOKEN,
  CLOUDFLARE_HEADERS,
  CONVERSATION_NOT_FOUND,
  FaultQueue,
  ONE_AT_A_TIME,
  STREAM_FAULT_KINDS,
  TOKEN_EXPIRED,
  TOO_LONG,
  UNUSUAL_ACTIVITY,
  cloudflareHtml,
} from './faults'
import { DEFAULT_DIFFICULTY, checkRequirementsToken, verifyProof } from './sentinel'
import type { PowAlgo } from './sentinel'
import { compose, finalAssistant, finishDetails } from './streams'
import type { ComposeInput } from './streams'
import type {
  Era,
  Fault,
  MappingNode,
  Modes,
  RequestLogEntry,
  ScriptedAnswer,
  StandIn,
  StandInOptions,
  StoredConversation,
  StoredMessage,
  ViolationRecord,
} from './types'
import {
  UUID_RE,
  isRecord,
  parseCookieHeader,
  randomB64url,
  randomHex,
  randomSeed,
  signJwt,
  sleep,
  uuid,
  verifyJwt,
} from './util'
import { offsetAfterFrames, runWritePlan } from './wire'
import type { WritePlan } from './wire'

export const SESSION_COOKIE = '__Secure-next-auth.session-token'
const DEFAULT_TTL_SECONDS = 10 * 24 * 3600
const SENTINEL_TTL_SECONDS = 540
const CONDUIT_TTL_SECONDS = 600
const MAX_PROMPT_CHARS = 100_000
const MAX_BODY_BYTES = 20 * 1024 * 1024
const BUILD = 'prod-5f0c1d2e3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d'

interface Account {
  userId: string
  accountId: string
  email: string
  name: string
  plan: string
  sessionValue: string
}

interface SentinelRecord {
  token: string
  userId: string
  expiresMs: number
  used: boolean
  powRequired: boolean
  seed: string
  difficulty: string
  algo: PowAlgo
  turnstileRequired: boolean
  arkoseRequired: boolean
}

interface PrepareRecord {
  token: string
  userId: string
  used: boolean
  powRequired: boolean
  seed: string
  difficulty: string
  turnstileRequired: boolean
  arkoseRequired: boolean
  expiresMs: number
}

interface ConduitRecord {
  token: string
  userId: string
  model: unknown
  used: boolean
  expiresMs: number
}

interface Conv extends StoredConversation {
  rootId: string
  systemId: string
  /** user message id -> parent_message_id the client sent with it */
  clientParents: Map<string, unknown>
  pendingTitle: string
}

interface Active {
  conv: Conv
  assistantId: string
  userId: string
  stopRequested: boolean
  abort: AbortController
}

interface Ctx {
  req: IncomingMessage
  res: ServerResponse
  entry: RequestLogEntry
  method: string
  path: string
  body: unknown
  signal: AbortSignal
  account?: Account
}

class HttpError {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

function defaultModes(): Modes {
  return {
    loggedIn: true,
    cloudflare: false,
    turnstileRequired: false,
    arkoseRequired: false,
    requireOrigin: null,
    powRequired: true,
    oneShotSentinel: true,
    rawUtf8: false,
    difficulty: null,
    sentinelTtlSeconds: SENTINEL_TTL_SECONDS,
  }
}

const MODELS: Record<Era, { slugs: string[]; def: string; auto: string; thinking: string }> = {
  '2023': { slugs: ['text-davinci-002-render-sha', 'gpt-4'], def: 'text-davinci-002-render-sha', auto: 'text-davinci-002-render-sha', thinking: 'gpt-4' },
  '2024': { slugs: ['auto', 'gpt-4o', 'gpt-4o-mini', 'gpt-4'], def: 'auto', auto: 'gpt-4o', thinking: 'gpt-4o' },
  '2025': { slugs: ['auto', 'gpt-5', 'gpt-5-thinking', 'gpt-4o'], def: 'auto', auto: 'gpt-5', thinking: 'gpt-5-thinking' },
  '2026': { slugs: ['auto', 'gpt-5-6', 'gpt-5-6-thinking', 'gpt-5-6-pro'], def: 'auto', auto: 'gpt-5-6', thinking: 'gpt-5-6-thinking' },
}

const hasSentinel = (era: Era): boolean => era !== '2023'
const usesF = (era: Era): boolean => era === '2025' || era === '2026'

export function defaultAnswerText(prompt: string, action: string): string {
  const oneLine = prompt.replace(/\s+/g, ' ').trim()
  if (action === 'continue') return `(continued) Here is the rest of the answer.\n\n- one more point\n- and a last one`
  if (action === 'variant') return `Another take. You asked: ${oneLine}\n\n- a different first point\n- a different second point`
  return `You asked: ${oneLine}\n\nHere is a short answer:\n\n- **First**, a point about it.\n- **Second**, another point.\n- **Third**, a closing point.`
}

export function titleFromPrompt(prompt: string): string {
  const words = prompt.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean).slice(0, 5)
  if (words.length === 0) return 'New chat'
  const t = words.join(' ')
  return t.charAt(0).toUpperCase() + t.slice(1)
}

export class StandInServer implements StandIn {
  port = 0
  origin = ''
  readonly certPem = CERT_PEM
  readonly spkiSha256 = spkiSha256(CERT_PEM)
  readonly loginCookie: StandIn['loginCookie']
  readonly log: RequestLogEntry[] = []

  private _era: Era
  private server: Server
  private sockets = new Set<Socket>()
  private secret = randomBytes(32)
  private account: Account
  private accounts = new Map<string, Account>()
  private ttlSeconds = DEFAULT_TTL_SECONDS
  private tokenCache = new Map<string, { token: string; expMs: number }>()
  private issued = new Map<string, number>()
  private revoked = new Set<string>()
  private mode: Modes = defaultModes()
  private faultQueue = new FaultQueue()
  private answers: ScriptedAnswer[] = []
  private convs = new Map<string, Conv>()
  private seenUserIds = new Map<string, Set<string>>()
  private sentinels = new Map<string, SentinelRecord>()
  private prepares = new Map<string, PrepareRecord>()
  private conduits = new Map<string, ConduitRecord>()
  private active = new Map<string, Active>()
  private allStreams = new Set<Active>()
  private violationList: ViolationRecord[] = []
  private waiters = new Set<{ predicate: (e: RequestLogEntry) => boolean; resolve: (e: RequestLogEntry) => void }>()
  private nextId = 1
  private logLimit: number
  private closed = false
  private startDifficulty: string | undefined

  constructor(options: StandInOptions = {}) {
    this._era = options.era ?? '2026'
    this.logLimit = Math.max(1, options.logLimit ?? 2000)
    this.startDifficulty = options.difficulty
    const sessionValue = `eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..${randomB64url(16)}.${randomB64url(900)}.${randomB64url(16)}`
    this.account = {
      userId: `user-${randomB64url(18).replace(/[-_]/g, 'x').slice(0, 24)}`,
      accountId: uuid(),
      email: 'tester@example.com',
      name: 'Test User',
      plan: 'plus',
      sessionValue,
    }
    this.accounts.set(this.account.userId, this.account)
    this.loginCookie = { name: SESSION_COOKIE, value: sessionValue }
    this.server = createServer({ cert: CERT_PEM, key: KEY_PEM, keepAliveTimeout: 5000 }, (req, res) => {
      this.onRequest(req, res).catch((err: unknown) => {
        console.error('[stand-in] handler error', err)
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'content-type': 'text/plain' })
          res.end('Internal Server Error')
        }
      })
    })
    this.server.on('connection', (s: Socket) => {
      this.sockets.add(s)
      s.on('close', () => this.sockets.delete(s))
    })
    this.server.on('tlsClientError', () => {
      /* a client that does not trust the cert: nothing to do */
    })
  }

  async listen(port = 0): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject)
        resolve()
      })
    })
    const addr = this.server.address()
    if (!addr || typeof addr === 'string') throw new Error('stand-in: no address')
    this.port = addr.port
    this.origin = `https://127.0.0.1:${this.port}`
  }

  // ------------------------------------------------------------------------------------------
  // Public API

  get era(): Era {
    return this._era
  }

  set era(era: Era) {
    this.setEra(era)
  }

  setEra(era: Era): void {
    if (!(era in MODELS)) throw new Error(`unknown era ${String(era)}`)
    this._era = era
  }

  setTokenTtlSeconds(s: number): void {
    if (!(s > 0)) throw new Error('ttl must be > 0')
    this.ttlSeconds = s
    this.tokenCache.clear()
  }

  revokeIssuedTokens(): void {
    for (const jti of this.issued.keys()) this.revoked.add(jti)
    this.tokenCache.clear()
  }

  queueAnswer(answer: ScriptedAnswer): void {
    this.answers.push(answer)
  }

  injectFault(fault: Fault): void {
    this.faultQueue.add(fault)
  }

  clearFaults(): void {
    this.faultQueue.clear()
  }

  setMode(mode: Partial<Modes>): void {
    this.mode = { ...this.mode, ...mode }
  }

  modes(): Modes {
    return { ...this.mode }
  }

  violations(): string[] {
    return this.violationList.map((v) => v.code)
  }

  violationDetails(): ViolationRecord[] {
    return this.violationList.map((v) => ({ ...v }))
  }

  conversations(): StoredConversation[] {
    return [...this.convs.values()].map((c) => ({
      id: c.id,
      accountId: c.accountId,
      title: c.title,
      isVisible: c.isVisible,
      isArchived: c.isArchived,
      temporary: c.temporary,
      createTime: c.createTime,
      updateTime: c.updateTime,
      model: c.model,
      mapping: structuredClone(c.mapping),
      currentNode: c.currentNode,
      userMessageIds: [...c.userMessageIds],
      streaming: c.streaming,
    }))
  }

  waitFor(predicate: (e: RequestLogEntry) => boolean, timeoutMs = 5000): Promise<RequestLogEntry> {
    for (const e of this.log) if (safe(predicate, e)) return Promise.resolve(e)
    return new Promise((resolve, reject) => {
      const waiter = {
        predicate,
        resolve: (e: RequestLogEntry) => {
          clearTimeout(timer)
          this.waiters.delete(waiter)
          resolve(e)
        },
      }
      const timer = setTimeout(() => {
        this.waiters.delete(waiter)
        const recent = this.log.slice(-8).map((e) => `${e.method} ${e.path} -> ${e.status}`).join('; ')
        reject(new Error(`stand-in waitFor timed out after ${timeoutMs} ms (recent: ${recent || 'none'})`))
      }, timeoutMs)
      this.waiters.add(waiter)
    })
  }

  reset(): void {
    this.log.length = 0
    this.violationList = []
    this.faultQueue.clear()
    this.convs.clear()
    this.mode = defaultModes()
    this.answers = []
    this.seenUserIds.clear()
    this.sentinels.clear()
    this.prepares.clear()
    this.conduits.clear()
    this.active.clear()
    this.ttlSeconds = DEFAULT_TTL_SECONDS
    this.tokenCache.clear()
    this.revoked.clear()
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    for (const s of this.allStreams) s.abort.abort()
    const done = new Promise<void>((resolve) => this.server.close(() => resolve()))
    this.server.closeAllConnections()
    for (const s of this.sockets) s.destroy()
    await done
  }

  // ------------------------------------------------------------------------------------------
  // Request plumbing

  private pushLog(e: RequestLogEntry): void {
    this.log.push(e)
    if (this.log.length > this.logLimit) this.log.splice(0, this.log.length - this.logLimit)
    this.notify(e)
  }

  private notify(e: RequestLogEntry): void {
    for (const w of [...this.waiters]) if (safe(w.predicate, e)) w.resolve(e)
  }

  private violate(ctx: Ctx, code: string, detail: string): void {
    ctx.entry.violations.push(code)
    this.violationList.push({ code, detail, requestId: ctx.entry.id, method: ctx.method, path: ctx.path })
    this.notify(ctx.entry)
  }

  private respond(ctx: Ctx, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const { res, entry } = ctx
    if (res.headersSent || res.destroyed) return
    let payload: string
    const h: Record<string, string> = { server: 'cloudflare', 'cf-ray': `${randomHex(8)}-LOC`, ...lower(headers) }
    if (typeof body === 'string') {
      payload = body
      h['content-type'] ??= body.trimStart().startsWith('<') ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8'
    } else if (body === undefined) {
      payload = ''
    } else {
      payload = JSON.stringify(body)
      h['content-type'] ??= 'application/json'
    }
    h['content-length'] = String(Buffer.byteLength(payload))
    res.writeHead(status, h)
    entry.status = status
    this.notify(entry)
    res.end(ctx.method === 'HEAD' ? undefined : payload)
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const time = Date.now()
    req.socket.setNoDelay(true)
    const url = new URL(req.url ?? '/', 'https://stand-in.invalid')
    const method = (req.method ?? 'GET').toUpperCase()
    const raw = await readBody(req)
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined) continue
      headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
    }
    const entry: RequestLogEntry = {
      id: this.nextId++,
      time,
      method,
      host: (headers.host ?? '').replace(/:\d+$/, '').toLowerCase(),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      cookies: parseCookieHeader(headers.cookie),
      body: parseBody(raw, headers['content-type']),
      era: this._era,
      status: 0,
      violations: [],
      closedByClient: false,
      finished: false,
      faults: [],
      bytesWritten: 0,
    }
    const abort = new AbortController()
    let serverKilled = false
    res.on('finish', () => {
      entry.finished = true
      this.notify(entry)
    })
    res.on('close', () => {
      if (!res.writableFinished && !serverKilled && !this.closed) {
        entry.closedByClient = true
        this.notify(entry)
      }
      abort.abort()
    })
    this.pushLog(entry)
    const ctx: Ctx = { req, res, entry, method, path: url.pathname, body: entry.body, signal: abort.signal }

    const delay = this.faultQueue.take('headerDelay', method, ctx.path)
    if (delay) {
      entry.faults.push('headerDelay')
      await sleep(delay.ms, abort.signal)
      if (abort.signal.aborted) return
    }
    const rf = this.faultQueue.takeRequestFault(method, ctx.path)
    if (rf?.kind === 'refuse') {
      entry.faults.push('refuse')
      serverKilled = true
      req.socket.destroy()
      return
    }
    if (rf?.kind === 'status') {
      entry.faults.push('status')
      this.respond(ctx, rf.status, rf.body, rf.headers)
      return
    }
    try {
      await this.route(ctx, (abortSocket) => {
        serverKilled = true
        if (abortSocket) req.socket.destroy()
      })
    } catch (err) {
      if (err instanceof HttpError) this.respond(ctx, err.status, err.body, err.headers)
      else throw err
    }
  }

  private async route(ctx: Ctx, kill: (abortSocket: boolean) => void): Promise<void> {
    const { method, path } = ctx
    if (method === 'OPTIONS') return this.respond(ctx, 204, undefined)
    if (path === '/api/auth/session') {
      if (this.mode.cloudflare) return this.cloudflare(ctx)
      return this.session(ctx)
    }
    if (path.startsWith('/backend-api/')) {
      if (this.mode.cloudflare) return this.cloudflare(ctx)
      ctx.account = this.authenticate(ctx)
      return this.backend(ctx, kill)
    }
    if (path.startsWith('/backend-') || path.startsWith('/api/')) return this.respond(ctx, 404, { detail: 'Not Found' })
    if (method === 'GET' || method === 'HEAD') return this.page(ctx)
    return this.respond(ctx, 405, { detail: 'Method Not Allowed' })
  }

  private cloudflare(ctx: Ctx): void {
    this.respond(ctx, 403, cloudflareHtml(), CLOUDFLARE_HEADERS)
  }

  // ------------------------------------------------------------------------------------------
  // Session & auth

  private sessionAccount(cookies: Record<string, string>): Account | null {
    let value = cookies[SESSION_COOKIE]
    if (value === undefined && cookies[`${SESSION_COOKIE}.0`] !== undefined) {
      value = ''
      for (let i = 0; cookies[`${SESSION_COOKIE}.${i}`] !== undefined; i++) value += cookies[`${SESSION_COOKIE}.${i}`]
    }
    if (!value) return null
    for (const a of this.accounts.values()) if (a.sessionValue === value) return a
    return null
  }

  private sessionObject(acc: Account): Record<string, unknown> {
    const nowS = Math.floor(Date.now() / 1000)
    const s: Record<string, unknown> = {
      user: {
        id: acc.userId,
        name: acc.name,
        email: acc.email,
        image: 'https://s.gravatar.com/avatar/stand-in?s=480&r=pg&d=identicon',
        picture: 'https://s.gravatar.com/avatar/stand-in?s=480&r=pg&d=identicon',
        idp: 'auth0',
        iat: nowS,
        mfa: false,
        groups: [],
        intercom_hash: randomHex(32),
      },
      expires: new Date(Date.now() + 90 * 24 * 3600 * 1000).toISOString(),
      accessToken: this.accessTokenFor(acc),
      authProvider: 'auth0',
    }
    if (this._era !== '2023') {
      s.account = { id: acc.accountId, planType: acc.plan, structure: 'personal', workspaceType: null, organizationId: null, isDelinquent: false }
    }
    return s
  }

  private session(ctx: Ctx): void {
    const acc = this.mode.loggedIn ? this.sessionAccount(ctx.entry.cookies) : null
    const headers = { 'set-cookie': `__cf_bm=${randomB64url(32)}; Path=/; Max-Age=1800; HttpOnly; Secure; SameSite=None`, 'cache-control': 'no-store' }
    this.respond(ctx, 200, acc ? this.sessionObject(acc) : {}, headers)
  }

  private accessTokenFor(acc: Account): string {
    const now = Date.now()
    const ttlMs = this.ttlSeconds * 1000
    const cached = this.tokenCache.get(acc.userId)
    if (cached && cached.expMs - now > Math.min(60_000, ttlMs / 2)) return cached.token
    const jti = uuid()
    const expMs = now + ttlMs
    const iat = Math.floor(now / 1000)
    const token = signJwt(
      {
        'https://api.openai.com/profile': { email: acc.email, email_verified: true },
        'https://api.openai.com/auth': {
          poid: `org-${randomB64url(18)}`,
          user_id: acc.userId,
          chatgpt_account_id: acc.accountId,
          chatgpt_plan_type: acc.plan,
          chatgpt_user_id: acc.userId,
        },
        iss: 'https://auth.openai.com',
        aud: ['https://api.openai.com/v1'],
        sub: `auth0|${acc.userId.slice(5)}`,
        client_id: 'app_X8zY6vW2pQ9tR3dE7nK1jL5gH',
        scope: 'openid email profile offline_access model.request model.read organization.read organization.write',
        iat,
        nbf: iat,
        exp: Math.ceil(expMs / 1000),
        jti,
      },
      this.secret,
    )
    this.issued.set(jti, expMs)
    this.tokenCache.set(acc.userId, { token, expMs })
    return token
  }

  private authenticate(ctx: Ctx): Account {
    const auth = ctx.entry.headers.authorization
    if (!auth) throw new HttpError(401, { detail: 'Unauthorized - Access token is missing' })
    const m = /^Bearer\s+(\S+)$/i.exec(auth)
    const payload = m?.[1] ? verifyJwt(m[1], this.secret) : null
    if (!payload) throw new HttpError(401, BAD_TOKEN)
    const claims = payload['https://api.openai.com/auth']
    const userId = isRecord(claims) ? claims.user_id : undefined
    const acc = typeof userId === 'string' ? this.accounts.get(userId) : undefined
    if (!acc) throw new HttpError(401, BAD_TOKEN)
    const jti = typeof payload.jti === 'string' ? payload.jti : ''
    const expMs = this.issued.get(jti) ?? (typeof payload.exp === 'number' ? payload.exp * 1000 : 0)
    if (Date.now() >= expMs || this.revoked.has(jti)) throw new HttpError(401, TOKEN_EXPIRED)
    return acc
  }

  private page(ctx: Ctx): void {
    const acc = this.mode.loggedIn ? this.sessionAccount(ctx.entry.cookies) : null
    const bootstrap = JSON.stringify({ authStatus: acc ? 'logged_in' : 'logged_out', session: acc ? this.sessionObject(acc) : {} })
    const html = `<!DOCTYPE html><html lang="en-US" data-build="${BUILD}"><head><meta charset="utf-8"><title>ChatGPT</title></head><body><div id="root">ChatGPT stand-in (${this._era})</div><script id="client-bootstrap" type="application/json">${bootstrap.replace(/</g, '\\u003c')}</script><script src="https://cdn.oaistatic.com/assets/stand-in.js"></script></body></html>`
    const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' }
    if (!ctx.entry.cookies['oai-did']) headers['set-cookie'] = `oai-did=${uuid()}; Path=/; Max-Age=31536000; Secure; SameSite=Lax`
    this.respond(ctx, 200, html, headers)
  }

  // ------------------------------------------------------------------------------------------
  // /backend-api

  private async backend(ctx: Ctx, kill: (abortSocket: boolean) => void): Promise<void> {
    const { method, path } = ctx
    const era = this._era
    const p = path.slice('/backend-api'.length)
    let m: RegExpExecArray | null
    if (method === 'GET' && p === '/models') return this.models(ctx)
    if (method === 'GET' && p === '/me') return this.me(ctx)
    if (method === 'GET' && p.startsWith('/accounts/check/')) return this.accountsCheck(ctx)
    if (method === 'GET' && p === '/conversations') return this.listConversations(ctx)
    if (method === 'PATCH' && p === '/conversations') return this.patchAll(ctx)
    if (method === 'POST' && p === '/conversation' && !usesF(era)) return this.send(ctx, kill)
    if (method === 'POST' && p === '/f/conversation' && usesF(era)) return this.send(ctx, kill)
    if (method === 'POST' && p === '/f/conversation/prepare' && usesF(era)) return this.conduitPrepare(ctx)
    if (method === 'POST' && p === '/sentinel/chat-requirements' && (era === '2024' || era === '2025')) return this.chatRequirements(ctx)
    if (method === 'POST' && p === '/sentinel/chat-requirements/prepare' && era === '2026') return this.sentinelPrepare(ctx)
    if (method === 'POST' && p === '/sentinel/chat-requirements/finalize' && era === '2026') return this.sentinelFinalize(ctx)
    if (method === 'POST' && p === '/stop_conversation') return this.stop(ctx)
    if (method === 'POST' && p === '/conversation/message_feedback') return this.feedback(ctx)
    if (method === 'POST' && p === '/conversation/init' && era === '2026') return this.init(ctx)
    if (method === 'POST' && (m = /^\/conversation\/gen_title\/([^/]+)$/.exec(p))) return this.genTitle(ctx, m[1] ?? '')
    if (method === 'GET' && (m = /^\/conversation\/([^/]+)\/stream_status$/.exec(p))) return this.streamStatus(ctx, m[1] ?? '')
    if (method === 'GET' && (m = /^\/conversation\/([^/]+)$/.exec(p))) return this.getConversation(ctx, m[1] ?? '')
    if (method === 'GET' && era === '2026' && (m = /^\/conversations\/([^/]+)$/.exec(p))) return this.latestTurns(ctx, m[1] ?? '')
    if (method === 'PATCH' && (m = /^\/conversation\/([^/]+)$/.exec(p))) return this.patchConversation(ctx, m[1] ?? '')
    return this.respond(ctx, 404, { detail: 'Not Found' })
  }

  private models(ctx: Ctx): void {
    const spec = MODELS[this._era]
    const models = spec.slugs.map((slug) => ({
      slug,
      max_tokens: slug.startsWith('text-davinci') ? 8191 : 32767,
      title: slug === 'auto' ? 'Auto' : slug.toUpperCase().replace(/-/g, ' '),
      description: slug === spec.def ? 'Default model' : `Model ${slug}`,
      tags: slug.includes('thinking') ? ['reasoning'] : [],
      capabilities: {},
      product_features: {},
      ...(slug.includes('thinking') ? { default_thinking_effort: 'standard' } : {}),
    }))
    this.respond(ctx, 200, {
      models,
      categories: [{ category: 'gpt_default', human_category_name: 'Default', default_model: spec.def }],
      default_model_slug: spec.def,
    })
  }

  private me(ctx: Ctx): void {
    const a = ctx.account as Account
    this.respond(ctx, 200, {
      object: 'user',
      id: a.userId,
      email: a.email,
      name: a.name,
      picture: null,
      created: 1_690_000_000,
      phone_number: null,
      mfa_flag_enabled: false,
      amr: [],
      groups: [],
      orgs: { object: 'list', data: [] },
      has_payg_project_spend_limit: null,
    })
  }

  private accountsCheck(ctx: Ctx): void {
    const a = ctx.account as Account
    this.respond(ctx, 200, {
      accounts: {
        default: {
          account: { account_id: a.accountId, plan_type: a.plan, account_user_role: 'account-owner', is_deactivated: false },
          entitlement: { has_active_subscription: true, subscription_plan: 'chatgptplusplan' },
          features: [],
        },
      },
      account_ordering: [a.accountId],
    })
  }

  private visibleConv(ctx: Ctx, id: string): Conv | null {
    const c = this.convs.get(id)
    if (!c || !c.isVisible || c.accountId !== (ctx.account as Account).userId) return null
    return c
  }

  private listConversations(ctx: Ctx): void {
    const q = ctx.entry.query
    const offset = Math.max(0, Number.parseInt(q.offset ?? '0', 10) || 0)
    const limit = Math.min(100, Math.max(1, Number.parseInt(q.limit ?? '28', 10) || 28))
    const all = [...this.convs.values()]
      .filter((c) => c.isVisible && !c.temporary && !c.isArchived && c.accountId === (ctx.account as Account).userId)
      .sort((a, b) => b.updateTime - a.updateTime)
    const iso = (s: number): string => new Date(s * 1000).toISOString().replace('Z', '+00:00')
    this.respond(ctx, 200, {
      items: all.slice(offset, offset + limit).map((c) => ({
        id: c.id,
        title: c.title,
        create_time: iso(c.createTime),
        update_time: iso(c.updateTime),
        mapping: null,
        current_node: null,
        conversation_template_id: null,
        gizmo_id: null,
        is_archived: c.isArchived,
        workspace_id: null,
        async_status: null,
      })),
      total: all.length,
      limit,
      offset,
      has_missing_conversations: false,
    })
  }

  private getConversation(ctx: Ctx, id: string): void {
    const c = this.visibleConv(ctx, id)
    if (!c) return this.respond(ctx, 404, CONVERSATION_NOT_FOUND)
    this.respond(ctx, 200, {
      title: c.title,
      create_time: c.createTime,
      update_time: c.updateTime,
      mapping: c.mapping,
      moderation_results: [],
      current_node: c.currentNode,
      plugin_ids: null,
      conversation_id: c.id,
      conversation_template_id: null,
      gizmo_id: null,
      gizmo_type: null,
      is_archived: c.isArchived,
      is_starred: null,
      safe_urls: [],
      default_model_slug: c.model,
      conversation_origin: null,
      voice: null,
      async_status: null,
      disabled_tool_ids: [],
      is_do_not_remember: c.temporary,
    })
  }

  private latestTurns(ctx: Ctx, id: string): void {
    const c = this.visibleConv(ctx, id)
    if (!c) return this.respond(ctx, 404, CONVERSATION_NOT_FOUND)
    const turns = Math.max(1, Number.parseInt(ctx.entry.query.num_turns ?? '10', 10) || 10)
    const branch: StoredMessage[] = []
    for (let n: MappingNode | undefined = c.mapping[c.currentNode]; n; n = n.parent ? c.mapping[n.parent] : undefined) {
      if (n.message && !n.message.metadata.is_visually_hidden_from_conversation) branch.unshift(n.message)
    }
    let userSeen = 0
    let start = branch.length
    while (start > 0 && userSeen < turns) {
      start--
      if (branch[start]?.author.role === 'user') userSeen++
    }
    this.respond(ctx, 200, {
      conversation_id: c.id,
      current_node: c.currentNode,
      title: c.title,
      messages: branch.slice(start),
      page_info: { has_more: start > 0 },
    })
  }

  private streamStatus(ctx: Ctx, id: string): void {
    const c = this.visibleConv(ctx, id)
    if (!c) return this.respond(ctx, 404, CONVERSATION_NOT_FOUND)
    this.respond(ctx, 200, { status: c.streaming ? 'IS_STREAMING' : 'NOT_STREAMING', conversation_id: c.id })
  }

  private patchConversation(ctx: Ctx, id: string): void {
    const c = this.visibleConv(ctx, id)
    if (!c) return this.respond(ctx, 404, CONVERSATION_NOT_FOUND)
    const b = isRecord(ctx.body) ? ctx.body : {}
    if (b.is_visible === false) c.isVisible = false
    if (typeof b.title === 'string') c.title = b.title
    if (typeof b.is_archived === 'boolean') c.isArchived = b.is_archived
    c.updateTime = Date.now() / 1000
    this.respond(ctx, 200, { success: true })
  }

  private patchAll(ctx: Ctx): void {
    const b = isRecord(ctx.body) ? ctx.body : {}
    if (b.is_visible === false) {
      for (const c of this.convs.values()) if (c.accountId === (ctx.account as Account).userId) c.isVisible = false
    }
    this.respond(ctx, 200, { success: true })
  }

  private genTitle(ctx: Ctx, id: string): void {
    const c = this.visibleConv(ctx, id)
    if (!c) return this.respond(ctx, 404, CONVERSATION_NOT_FOUND)
    const b = isRecord(ctx.body) ? ctx.body : {}
    if (typeof b.message_id !== 'string' || !c.mapping[b.message_id]) {
      this.violate(ctx, 'gen-title-unknown-message', `gen_title message_id ${String(b.message_id)} is not in conversation ${id}`)
    }
    c.title = c.pendingTitle
    this.respond(ctx, 200, { title: c.title })
  }

  private feedback(ctx: Ctx): void {
    const b = isRecord(ctx.body) ? ctx.body : {}
    this.respond(ctx, 200, {
      message_id: b.message_id ?? null,
      conversation_id: b.conversation_id ?? null,
      user_id: (ctx.account as Account).userId,
      rating: b.rating ?? null,
      content: '{}',
    })
  }

  private init(ctx: Ctx): void {
    this.respond(ctx, 200, {
      default_model_slug: MODELS[this._era].def,
      model_limits: [],
      blocked_features: [],
      limits_progress: null,
      banner_info: null,
    })
  }

  private stop(ctx: Ctx): void {
    const b = isRecord(ctx.body) ? ctx.body : {}
    for (const a of this.active.values()) if (a.conv.id === b.conversation_id) a.stopRequested = true
    this.respond(ctx, 200, { success: true })
  }

  // ------------------------------------------------------------------------------------------
  // Sentinel

  private difficulty(algo: PowAlgo): string {
    return this.mode.difficulty ?? this.startDifficulty ?? DEFAULT_DIFFICULTY[algo]
  }

  private checkDeviceId(ctx: Ctx): void {
    const did = ctx.entry.cookies['oai-did']
    if (did === undefined) return
    const header = ctx.entry.headers['oai-device-id']
    if (header !== did) this.violate(ctx, 'device-id-mismatch', `Oai-Device-Id ${String(header)} != oai-did cookie ${did}`)
  }

  private checkP(ctx: Ctx): void {
    const b = isRecord(ctx.body) ? ctx.body : {}
    const why = checkRequirementsToken(b.p)
    if (why) {
      this.violate(ctx, 'sentinel-p-invalid', why)
      throw new HttpError(403, { detail: UNUSUAL_ACTIVITY })
    }
  }

  private chatRequirements(ctx: Ctx): void {
    this.checkDeviceId(ctx)
    this.checkP(ctx)
    const algo: PowAlgo = 'sha3'
    const rec: SentinelRecord = {
      token: `gAAAAAB${randomB64url(96)}`,
      userId: (ctx.account as Account).userId,
      expiresMs: Date.now() + this.mode.sentinelTtlSeconds * 1000,
      used: false,
      powRequired: this.mode.powRequired,
      seed: randomSeed(),
      difficulty: this.difficulty(algo),
      algo,
      turnstileRequired: this.mode.turnstileRequired,
      arkoseRequired: this.mode.arkoseRequired,
    }
    this.sentinels.set(rec.token, rec)
    this.respond(ctx, 200, {
      persona: 'chatgpt-paid',
      token: rec.token,
      expire_after: this.mode.sentinelTtlSeconds,
      arkose: { required: rec.arkoseRequired, dx: rec.arkoseRequired ? randomB64url(48) : null },
      turnstile: { required: rec.turnstileRequired, ...(rec.turnstileRequired ? { dx: randomB64url(96) } : {}) },
      proofofwork: rec.powRequired ? { required: true, seed: rec.seed, difficulty: rec.difficulty } : { required: false },
    })
  }

  private sentinelPrepare(ctx: Ctx): void {
    this.checkDeviceId(ctx)
    this.checkP(ctx)
    const rec: PrepareRecord = {
      token: `gAAAAAB${randomB64url(96)}`,
      userId: (ctx.account as Account).userId,
      used: false,
      powRequired: this.mode.powRequired,
      seed: randomSeed(),
      difficulty: this.difficulty('fnv1a'),
      turnstileRequired: this.mode.turnstileRequired,
      arkoseRequired: this.mode.arkoseRequired,
      expiresMs: Date.now() + this.mode.sentinelTtlSeconds * 1000,
    }
    this.prepares.set(rec.token, rec)
    this.respond(ctx, 200, {
      persona: 'chatgpt-paid',
      prepare_token: rec.token,
      ...(rec.powRequired ? { proofofwork: { required: true, seed: rec.seed, difficulty: rec.difficulty } } : {}),
      turnstile: { required: rec.turnstileRequired, ...(rec.turnstileRequired ? { dx: randomB64url(96) } : {}) },
      ...(rec.arkoseRequired ? { arkose: { required: true, dx: randomB64url(48) } } : {}),
      so: { required: false },
      force_login: false,
    })
  }

  private sentinelFinalize(ctx: Ctx): void {
    this.checkDeviceId(ctx)
    const b = isRecord(ctx.body) ? ctx.body : {}
    const prep = typeof b.prepare_token === 'string' ? this.prepares.get(b.prepare_token) : undefined
    const reject = (code: string, detail: string): never => {
      this.violate(ctx, code, detail)
      throw new HttpError(403, { detail: UNUSUAL_ACTIVITY })
    }
    if (!prep) return reject('sentinel-prepare-unknown', 'finalize with an unknown prepare_token')
    if (prep.used) return reject('sentinel-prepare-reused', 'prepare_token used twice')
    if (Date.now() > prep.expiresMs) return reject('sentinel-prepare-expired', 'prepare_token expired')
    prep.used = true
    if (prep.powRequired) {
      const why = verifyProof(b.proofofwork, prep.seed, prep.difficulty, 'fnv1a')
      if (why) return reject('sentinel-proof-invalid', why)
    }
    const expiresMs = Date.now() + this.mode.sentinelTtlSeconds * 1000
    const rec: SentinelRecord = {
      token: `gAAAAAB${randomB64url(96)}`,
      userId: prep.userId,
      expiresMs,
      used: false,
      powRequired: false,
      seed: prep.seed,
      difficulty: prep.difficulty,
      algo: 'fnv1a',
      turnstileRequired: prep.turnstileRequired,
      arkoseRequired: prep.arkoseRequired,
    }
    this.sentinels.set(rec.token, rec)
    this.respond(ctx, 200, {
      persona: 'chatgpt-paid',
      token: rec.token,
      expire_after: this.mode.sentinelTtlSeconds,
      expire_at: Math.floor(expiresMs / 1000),
    })
  }

  /** Checks the sentinel headers of a send; consumes the token when one-shot. */
  private checkSentinel(ctx: Ctx): void {
    const h = ctx.entry.headers
    const reject = (code: string, detail: string): never => {
      this.violate(ctx, code, detail)
      throw new HttpError(403, { detail: UNUSUAL_ACTIVITY })
    }
    const token = h['openai-sentinel-chat-requirements-token']
    if (!token) return reject('sentinel-missing', 'no Openai-Sentinel-Chat-Requirements-Token header')
    const rec = this.sentinels.get(token)
    if (!rec) return reject('sentinel-unknown', 'Openai-Sentinel-Chat-Requirements-Token was never issued')
    if (rec.used && this.mode.oneShotSentinel) return reject('sentinel-reused', 'requirements token used twice')
    if (Date.now() > rec.expiresMs) return reject('sentinel-expired', 'requirements token expired')
    if (rec.userId !== (ctx.account as Account).userId) return reject('sentinel-unknown', 'requirements token of another account')
    rec.used = true
    const proof = h['openai-sentinel-proof-token']
    if (rec.algo === 'sha3' && rec.powRequired) {
      const why = verifyProof(proof, rec.seed, rec.difficulty, 'sha3')
      if (why) return reject('sentinel-proof-invalid', why)
    } else if (rec.algo === 'fnv1a' && proof !== undefined && proof !== '') {
      // 2026: the proof was checked at finalize; a proof header, when sent, must still be valid.
      const why = verifyProof(proof, rec.seed, rec.difficulty, 'fnv1a')
      if (why) return reject('sentinel-proof-invalid', `proof header: ${why}`)
    }
    if ((rec.turnstileRequired || this.mode.turnstileRequired) && !h['openai-sentinel-turnstile-token']) {
      throw new HttpError(403, {
        detail: UNUSUAL_ACTIVITY,
        code: 'turnstile_required',
        message: 'Human verification required: open https://chatgpt.com and complete the security check, then try again.',
      })
    }
    if ((rec.arkoseRequired || this.mode.arkoseRequired) && !h['openai-sentinel-arkose-token']) {
      throw new HttpError(403, {
        detail: UNUSUAL_ACTIVITY,
        code: 'arkose_required',
        message: 'Human verification required: open https://chatgpt.com and complete the security check, then try again.',
      })
    }
  }

  private conduitPrepare(ctx: Ctx): void {
    const h = ctx.entry.headers
    if (h['x-conduit-token'] !== 'no-token') {
      this.violate(ctx, 'conduit-prepare-header', `prepare must send X-Conduit-Token: no-token (got ${String(h['x-conduit-token'])})`)
    }
    this.checkDeviceId(ctx)
    const b = isRecord(ctx.body) ? ctx.body : {}
    if ('messages' in b) this.violate(ctx, 'conduit-prepare-messages', 'f/conversation/prepare carries no messages')
    const nowS = Math.floor(Date.now() / 1000)
    const token = signJwt(
      {
        conduit_uuid: randomHex(16),
        conduit_location: '10.0.0.1:8308',
        cluster: 'stand-in',
        iat: nowS,
        exp: nowS + CONDUIT_TTL_SECONDS,
        turn_topic_id: `conversation-turn-${uuid()}`,
      },
      this.secret,
      'conduit',
    )
    this.conduits.set(token, {
      token,
      userId: (ctx.account as Account).userId,
      model: b.model,
      used: false,
      expiresMs: Date.now() + CONDUIT_TTL_SECONDS * 1000,
    })
    this.respond(ctx, 200, { status: 'ok', conduit_token: token })
  }

  // ------------------------------------------------------------------------------------------
  // Send

  private async send(ctx: Ctx, kill: (abortSocket: boolean) => void): Promise<void> {
    const era = this._era
    const acc = ctx.account as Account
    const h = ctx.entry.headers
    if (this.mode.requireOrigin !== null && h.origin !== this.mode.requireOrigin) {
      throw new HttpError(403, { detail: UNUSUAL_ACTIVITY })
    }
    if (!isRecord(ctx.body)) {
      this.violate(ctx, 'invalid-body', 'conversation body is not a JSON object')
      throw new HttpError(422, { detail: [{ loc: ['body'], msg: 'value is not a valid dict', type: 'type_error.dict' }] })
    }
    const body = ctx.body
    this.checkDeviceId(ctx)
    if (usesF(era)) {
      const ct = h['x-conduit-token']
      const rec = ct ? this.conduits.get(ct) : undefined
      const bad = (code: string, detail: string): never => {
        this.violate(ctx, code, detail)
        throw new HttpError(400, { detail: { code: 'invalid_conduit_token', message: detail } })
      }
      if (!rec) bad('conduit-token-invalid', 'X-Conduit-Token missing or not issued by f/conversation/prepare')
      else if (rec.used) bad('conduit-token-reused', 'X-Conduit-Token already used for a send')
      else if (Date.now() > rec.expiresMs || rec.userId !== acc.userId) bad('conduit-token-invalid', 'X-Conduit-Token expired or of another account')
      else {
        rec.used = true
        if (rec.model !== body.model) bad('conduit-model-mismatch', `prepare model ${String(rec.model)} != send model ${String(body.model)}`)
      }
    }
    if (hasSentinel(era)) this.checkSentinel(ctx)
    else if (this.mode.arkoseRequired && typeof body.arkose_token !== 'string') {
      throw new HttpError(403, { detail: 'Our systems have detected unusual activity from your system. Please try again later.' })
    }
    if (this.active.has(acc.userId)) {
      this.violate(ctx, 'concurrent-send', 'a second send while an answer for this account is still streaming')
      throw new HttpError(429, { detail: ONE_AT_A_TIME })
    }

    // --- body checks ---------------------------------------------------------------------
    const action = body.action ?? 'next'
    if (action !== 'next' && action !== 'variant' && action !== 'continue') {
      this.violate(ctx, 'invalid-action', `action ${String(action)}`)
      throw new HttpError(422, { detail: [{ loc: ['body', 'action'], msg: 'invalid action', type: 'value_error' }] })
    }
    const messages = Array.isArray(body.messages) ? body.messages : []
    let userMsgIn: Record<string, unknown> | undefined
    let prompt = ''
    if (action !== 'continue') {
      const m0: unknown = messages[0]
      if (!isRecord(m0)) {
        this.violate(ctx, 'missing-messages', `action ${action} needs messages[0]`)
        throw new HttpError(422, { detail: [{ loc: ['body', 'messages'], msg: 'field required', type: 'value_error.missing' }] })
      }
      userMsgIn = m0
      if (typeof m0.id !== 'string' || !UUID_RE.test(m0.id)) {
        this.violate(ctx, 'invalid-message-id', `messages[0].id ${String(m0.id)} is not a UUID`)
        throw new HttpError(422, { detail: [{ loc: ['body', 'messages', 0, 'id'], msg: 'value is not a valid uuid', type: 'type_error.uuid' }] })
      }
      const role = isRecord(m0.author) ? m0.author.role : m0.role
      if (role !== 'user') {
        this.violate(ctx, 'invalid-author', `messages[0] role ${String(role)}`)
        throw new HttpError(422, { detail: [{ loc: ['body', 'messages', 0, 'author'], msg: 'role must be user', type: 'value_error' }] })
      }
      const content = m0.content
      const parts = isRecord(content) && Array.isArray(content.parts) ? content.parts : null
      const text = parts?.filter((x): x is string => typeof x === 'string').join('\n')
      if (!parts || text === undefined) {
        this.violate(ctx, 'invalid-content', 'messages[0].content.parts missing')
        throw new HttpError(422, { detail: [{ loc: ['body', 'messages', 0, 'content'], msg: 'field required', type: 'value_error.missing' }] })
      }
      prompt = text
      if (prompt.length > MAX_PROMPT_CHARS) throw new HttpError(413, TOO_LONG)
    } else if (messages.length > 0) {
      this.violate(ctx, 'continue-with-messages', 'action continue carries no messages')
    }

    const convId = body.conversation_id
    let conv: Conv | null = null
    if (convId !== undefined && convId !== null) {
      conv = typeof convId === 'string' ? this.visibleConv(ctx, convId) : null
      if (!conv) {
        this.violate(ctx, 'unknown-conversation', `conversation_id ${String(convId)} does not exist`)
        throw new HttpError(404, CONVERSATION_NOT_FOUND)
      }
    } else if (action !== 'next') {
      this.violate(ctx, 'missing-conversation-id', `action ${action} needs conversation_id`)
      throw new HttpError(400, { detail: { code: 'missing_conversation_id', message: `action ${action} requires conversation_id` } })
    }
    const parentIn = body.parent_message_id
    const seen = this.seenSet(acc.userId)
    const isDuplicate = (id: string): boolean => seen.has(id)
    let userNodeParent: string | null = null // tree parent for a new user node
    let reuseUserId: string | null = null
    let assistantParent: string | null = null
    if (action === 'next') {
      // Checked first, so a re-POST of an answered turn is always reported as a duplicate.
      if (userMsgIn && isDuplicate(userMsgIn.id as string)) {
        this.violate(ctx, 'duplicate-user-message', `user message id ${String(userMsgIn.id)} was already sent`)
      }
      if (conv) {
        if (parentIn !== conv.currentNode) {
          this.violate(ctx, 'parent-mismatch', `parent_message_id ${String(parentIn)} != current node ${conv.currentNode}`)
          throw this.parentError(conv, parentIn)
        }
        userNodeParent = conv.currentNode
      }
      // First turn: any parent (random UUID, "client-created-root", absent) is accepted.
    } else if (action === 'variant' && conv) {
      // Regenerate the latest turn. Rule: messages[0] is the user message of that turn (same id;
      // a fresh id means an edited prompt and branches a new user node beside it) and
      // parent_message_id is the parent that turn was sent with (= the tree parent of that user
      // message, or for a first turn whatever the client sent then). The new assistant message
      // becomes a sibling of the previous answer; current_node moves to it.
      const lastUser = this.latestUser(conv)
      if (!lastUser) {
        this.violate(ctx, 'parent-mismatch', 'variant without a previous user turn')
        throw this.parentError(conv, parentIn)
      }
      const okParents = [lastUser.parent, conv.clientParents.get(lastUser.id)]
      if (!okParents.includes(parentIn as string)) {
        this.violate(ctx, 'parent-mismatch', `variant parent_message_id ${String(parentIn)} != parent ${String(lastUser.parent)} of the regenerated user message`)
        throw this.parentError(conv, parentIn, lastUser.parent ?? undefined)
      }
      const id = userMsgIn?.id as string
      if (id === lastUser.id) reuseUserId = lastUser.id
      else {
        if (isDuplicate(id)) this.violate(ctx, 'duplicate-user-message', `user message id ${id} was already sent`)
        userNodeParent = lastUser.parent
      }
    } else if (action === 'continue' && conv) {
      // Continue after finish_details max_tokens: no messages, parent = that assistant message;
      // the continuation is a new assistant message under it.
      if (parentIn !== conv.currentNode) {
        this.violate(ctx, 'parent-mismatch', `continue parent_message_id ${String(parentIn)} != current node ${conv.currentNode}`)
        throw this.parentError(conv, parentIn)
      }
      const cur = conv.mapping[conv.currentNode]?.message
      const fd = cur?.metadata.finish_details
      if (!isRecord(fd) || fd.type !== 'max_tokens') {
        this.violate(ctx, 'continue-not-allowed', 'continue after an answer that was not cut by max_tokens')
        throw new HttpError(400, { detail: { code: 'invalid_continue', message: 'Nothing to continue: the last answer was not cut by max_tokens.' } })
      }
      assistantParent = conv.currentNode
    }

    // --- accepted --------------------------------------------------------------------------
    const temporary = body.history_and_training_disabled === true || body.is_do_not_remember === true
    const requested = typeof body.model === 'string' ? body.model : MODELS[era].def
    const answer = this.answers.shift() ?? { text: defaultAnswerText(prompt, action) }
    const reasoning = era === '2026' && answer.reasoning === true
    const spec = MODELS[era]
    const modelSlug = reasoning ? spec.thinking : requested === 'auto' ? spec.auto : requested
    const isFirstTurn = !conv
    const nowS = Date.now() / 1000
    const requestId = uuid()
    const turnExchangeId = uuid()
    if (!conv) conv = this.createConversation(acc, requested, temporary, era)
    const c = conv
    c.updateTime = nowS
    const title = answer.title ?? titleFromPrompt(prompt)
    if (isFirstTurn) c.pendingTitle = title

    let userMsg: StoredMessage | null = null
    if (userMsgIn) {
      if (reuseUserId) {
        userMsg = c.mapping[reuseUserId]?.message ?? null
        assistantParent = reuseUserId
      } else {
        const parentId = userNodeParent ?? c.systemId
        userMsg = this.userMessage(userMsgIn, parentId, requestId, turnExchangeId, nowS, era)
        this.addNode(c, userMsg, parentId)
        c.clientParents.set(userMsg.id, parentIn)
        assistantParent = userMsg.id
      }
      if (userMsg && !reuseUserId) {
        seen.add(userMsg.id)
        c.userMessageIds.push(userMsg.id)
      }
    }
    let reasoningMsgs: ComposeInput['reasoning'] = null
    if (reasoning && assistantParent) {
      const thoughtText = `The user wrote: "${prompt.slice(0, 80)}". I will answer briefly with a short list.`
      const thoughts = this.baseAssistant(uuid(), assistantParent, modelSlug, requestId, turnExchangeId, era, action)
      thoughts.content = { content_type: 'thoughts', thoughts: [{ summary: 'Thinking it through', content: thoughtText, chunks: [], finished: true }], source_analysis_msg_id: uuid() }
      thoughts.status = 'finished_successfully'
      thoughts.end_turn = false
      thoughts.channel = null
      this.addNode(c, thoughts, assistantParent)
      const recap = this.baseAssistant(uuid(), thoughts.id, modelSlug, requestId, turnExchangeId, era, action)
      recap.content = { content_type: 'reasoning_recap', content: 'Thought for 1 second' }
      recap.status = 'finished_successfully'
      recap.end_turn = false
      recap.channel = null
      recap.metadata = { ...recap.metadata, reasoning_status: 'reasoning_ended', finished_duration_sec: 1 }
      this.addNode(c, recap, thoughts.id)
      reasoningMsgs = { thoughts, recap, thoughtText }
      assistantParent = recap.id
    }
    const assistant = this.baseAssistant(uuid(), assistantParent ?? c.currentNode, modelSlug, requestId, turnExchangeId, era, action)
    this.addNode(c, assistant, assistantParent ?? c.currentNode)
    c.currentNode = assistant.id
    c.streaming = true

    // --- stream ----------------------------------------------------------------------------
    const { method, path } = ctx
    const sf = {
      stall: this.faultQueue.take('stall', method, path),
      truncate: this.faultQueue.take('truncate', method, path),
      streamError: this.faultQueue.take('streamError', method, path),
      chunkAt: this.faultQueue.take('chunkAt', method, path),
      crlf: this.faultQueue.take('crlf', method, path),
    }
    for (const k of STREAM_FAULT_KINDS) if (sf[k]) ctx.entry.faults.push(k)
    const encodings = body.supported_encodings
    const v1 = era === '2025' || era === '2026' || (era === '2024' && Array.isArray(encodings) && encodings.includes('v1'))
    const finishReason = answer.finishReason ?? 'stop'
    const composeInput: ComposeInput = {
      era,
      encoding: v1 ? 'v1' : 'legacy',
      conversationId: c.id,
      rawUtf8: answer.rawUtf8 ?? this.mode.rawUtf8,
      crlf: !!sf.crlf,
      system: era === '2025' || era === '2026' || (era === '2024' && !v1) ? (c.mapping[c.systemId]?.message ?? null) : null,
      user: era === '2023' || (era === '2024' && v1) ? null : userMsg,
      reasoning: reasoningMsgs,
      assistant,
      text: answer.text,
      tokensPerFrame: answer.tokensPerFrame ?? 8,
      finishReason,
      title: (era === '2025' || era === '2026') && isFirstTurn ? title : null,
      resumeToken: era === '2026' ? signJwt({ conversation_id: c.id, kind: 'topic', iat: Math.floor(nowS) }, this.secret, 'resume') : null,
      requestId,
      turnExchangeId,
      modelSlug,
      isFirstTurn,
    }
    if (composeInput.title) c.title = composeInput.title
    const composed = compose(composeInput)
    const frames = composed.frames.map((f) => Buffer.from(f.text, 'utf8'))
    const atFrames = (k: number | undefined, bytes: number | undefined, fallback: number): number =>
      bytes !== undefined ? Math.max(0, Math.min(bytes, Buffer.concat(frames).length)) : offsetAfterFrames(frames, k ?? fallback)
    const half = Math.floor(frames.length / 2)
    const plan: WritePlan = {
      frames,
      chunking: answer.chunking ?? 'frames',
      extraOffsets: sf.chunkAt?.offsets ?? [],
      delayMs: answer.delayMs ?? 5,
      ...(sf.stall ? { stall: { at: atFrames(sf.stall.afterFrames, sf.stall.afterBytes, half), ms: sf.stall.ms } } : {}),
      ...(sf.truncate ? { truncate: { at: atFrames(sf.truncate.afterFrames, sf.truncate.afterBytes, half), abort: sf.truncate.abort === true } } : {}),
      ...(sf.streamError
        ? {
            error: {
              at: offsetAfterFrames(frames, sf.streamError.afterFrames ?? half),
              frame: Buffer.from(
                composed.errorFrame(sf.streamError.message ?? 'Our systems have detected unusual activity from your device. Please try again later.'),
                'utf8',
              ),
            },
          }
        : {}),
    }
    const act: Active = { conv: c, assistantId: assistant.id, userId: acc.userId, stopRequested: false, abort: new AbortController() }
    ctx.signal.addEventListener('abort', () => act.abort.abort(), { once: true })
    this.active.set(acc.userId, act)
    this.allStreams.add(act)

    const res = ctx.res
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
      server: 'cloudflare',
      'cf-ray': `${randomHex(8)}-LOC`,
    })
    res.flushHeaders()
    ctx.entry.status = 200
    this.notify(ctx.entry)

    const setText = (len: number, final: StoredMessage | null): void => {
      const node = c.mapping[assistant.id]
      if (!node?.message) return
      node.message = final ?? { ...node.message, content: { ...node.message.content, parts: [answer.text.slice(0, len)] } }
    }
    let answerLenDone = 0
    const outcome = await runWritePlan(res, plan, {
      signal: act.abort.signal,
      progress: (bytes, framesDone) => {
        ctx.entry.bytesWritten = bytes
        answerLenDone = framesDone > 0 ? (composed.frames[framesDone - 1]?.answerLen ?? 0) : 0
        setText(answerLenDone, null)
      },
      stopFrames: (framesDone) => {
        if (!act.stopRequested) return null
        const len = framesDone > 0 ? (composed.frames[framesDone - 1]?.answerLen ?? 0) : 0
        return composed.interruptFrames(len).map((s) => Buffer.from(s, 'utf8'))
      },
    })

    // The server always finishes the message, whatever happened on the wire.
    if (outcome === 'stopped' || outcome === 'error-event') {
      const partial = finalAssistant({ era, assistant, finishReason }, answer.text.slice(0, answerLenDone))
      partial.end_turn = false
      partial.metadata = { ...partial.metadata, finish_details: finishDetails(era, 'interrupted') }
      if (outcome === 'error-event') partial.status = 'finished_partial_completion'
      setText(answerLenDone, partial)
    } else {
      setText(answer.text.length, finalAssistant({ era, assistant, finishReason }, answer.text))
    }
    c.streaming = false
    c.updateTime = Date.now() / 1000
    if (this.active.get(acc.userId) === act) this.active.delete(acc.userId)
    this.allStreams.delete(act)
    if (outcome === 'aborted') {
      kill(true)
      return
    }
    if (!res.destroyed && !res.writableEnded) res.end()
  }

  private parentError(conv: Conv, got: unknown, expected = conv.currentNode): HttpError {
    return new HttpError(409, {
      detail: {
        code: 'invalid_parent_message_id',
        message: `parent_message_id ${String(got)} is not the expected parent ${expected} in conversation ${conv.id}.`,
      },
    })
  }

  private seenSet(userId: string): Set<string> {
    let s = this.seenUserIds.get(userId)
    if (!s) {
      s = new Set()
      this.seenUserIds.set(userId, s)
    }
    return s
  }

  private latestUser(conv: Conv): MappingNode | null {
    for (let n: MappingNode | undefined = conv.mapping[conv.currentNode]; n; n = n.parent ? conv.mapping[n.parent] : undefined) {
      if (n.message?.author.role === 'user') return n
    }
    return null
  }

  private addNode(conv: Conv, message: StoredMessage, parent: string): void {
    conv.mapping[message.id] = { id: message.id, message, parent, children: [] }
    conv.mapping[parent]?.children.push(message.id)
  }

  private createConversation(acc: Account, model: string, temporary: boolean, era: Era): Conv {
    const id = uuid()
    const rootId = era === '2023' ? `aaa1${randomHex(2)}-${uuid().slice(9)}` : uuid()
    const systemId = uuid()
    const nowS = Date.now() / 1000
    const system: StoredMessage = {
      id: systemId,
      author: { role: 'system', name: null, metadata: {} },
      create_time: null,
      update_time: null,
      content: { content_type: 'text', parts: [''] },
      status: 'finished_successfully',
      end_turn: true,
      weight: 0,
      metadata: { is_visually_hidden_from_conversation: true },
      recipient: 'all',
      channel: null,
    }
    const conv: Conv = {
      id,
      accountId: acc.userId,
      title: 'New chat',
      isVisible: true,
      isArchived: false,
      temporary,
      createTime: nowS,
      updateTime: nowS,
      model,
      mapping: {
        [rootId]: { id: rootId, message: null, parent: null, children: [systemId] },
        [systemId]: { id: systemId, message: system, parent: rootId, children: [] },
      },
      currentNode: systemId,
      userMessageIds: [],
      streaming: false,
      rootId,
      systemId,
      clientParents: new Map(),
      pendingTitle: 'New chat',
    }
    this.convs.set(id, conv)
    return conv
  }

  private userMessage(m: Record<string, unknown>, parentId: string, requestId: string, turnExchangeId: string, nowS: number, era: Era): StoredMessage {
    const content = isRecord(m.content) ? m.content : { content_type: 'text', parts: [] }
    const metadata: Record<string, unknown> = { request_id: requestId, message_source: null, timestamp_: 'absolute', message_type: null, parent_id: parentId }
    if (era === '2026') Object.assign(metadata, { turn_exchange_id: turnExchangeId, working_turn_id: turnExchangeId, model_switcher_deny: [] })
    return {
      id: m.id as string,
      author: { role: 'user', name: null, metadata: {} },
      create_time: typeof m.create_time === 'number' ? m.create_time : nowS,
      update_time: null,
      content: { ...content },
      status: 'finished_successfully',
      end_turn: null,
      weight: 1,
      metadata,
      recipient: 'all',
      channel: null,
    }
  }

  private baseAssistant(id: string, parentId: string, modelSlug: string, requestId: string, turnExchangeId: string, era: Era, action: string): StoredMessage {
    const messageType = action === 'next' ? 'next' : action
    const def = MODELS[era].def
    let metadata: Record<string, unknown>
    if (era === '2023') metadata = { message_type: messageType, model_slug: modelSlug, parent_id: parentId }
    else if (era === '2026') {
      metadata = {
        citations: [],
        content_references: [],
        story_events: [],
        resolved_model_slug: modelSlug,
        cot_version: 'v5',
        conversation_followup_suggestions_eligible: false,
        request_id: requestId,
        message_type: messageType,
        turn_exchange_id: turnExchangeId,
        working_turn_id: turnExchangeId,
        model_slug: modelSlug,
        default_model_slug: def,
        parent_id: parentId,
        model_switcher_deny: [],
      }
    } else {
      metadata = {
        citations: [],
        content_references: [],
        ...(era === '2024' ? { gizmo_id: null } : {}),
        message_type: messageType,
        model_slug: modelSlug,
        default_model_slug: def,
        parent_id: parentId,
        model_switcher_deny: [],
      }
    }
    return {
      id,
      author: { role: 'assistant', name: null, metadata: {} },
      create_time: Date.now() / 1000,
      update_time: null,
      content: { content_type: 'text', parts: [''] },
      status: 'in_progress',
      end_turn: null,
      weight: 1,
      metadata,
      recipient: 'all',
      channel: era === '2026' ? 'final' : null,
    }
  }
}

function safe(predicate: (e: RequestLogEntry) => boolean, e: RequestLogEntry): boolean {
  try {
    return predicate(e)
  } catch {
    return false
  }
}

function lower(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v
  return out
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size <= MAX_BODY_BYTES) chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('aborted', () => resolve(Buffer.concat(chunks).toString('utf8')))
  })
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw.length === 0) return null
  if (contentType?.includes('json') || /^\s*[[{]/.test(raw)) {
    try {
      return JSON.parse(raw) as unknown
    } catch {
      return raw
    }
  }
  return raw
}
