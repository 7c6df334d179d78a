/**
 * Minimal test-side client for the stand-in's own tests (independent of src/): session, sentinel,
 * conduit, send, and a small SSE + delta-v1/legacy decoder following
 * test/fixtures/chatgpt-streams/README.md.
 */
import { randomUUID } from 'node:crypto'
import type { Era } from './types'
import { requirementsToken, solveFnv, solveSha3 } from './solver'

type Json = Record<string, unknown>
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

export async function getAccessToken(f: typeof fetch, host = 'chatgpt.com'): Promise<string> {
  const res = await f(`https://${host}/api/auth/session`)
  const body = (await res.json()) as Json
  if (typeof body.accessToken !== 'string') throw new Error(`not logged in (status ${res.status})`)
  return body.accessToken
}

export function authHeaders(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...extra }
}

export interface SentinelResult {
  headers: Record<string, string>
  requirements: Json
}

/** Runs the era's sentinel flow and returns the headers for the send. */
export async function solveSentinel(f: typeof fetch, era: Era, token: string, extra: Record<string, string> = {}): Promise<SentinelResult> {
  const base = 'https://chatgpt.com/backend-api/sentinel/chat-requirements'
  if (era === '2023') return { headers: {}, requirements: {} }
  if (era === '2024' || era === '2025') {
    const res = await f(base, { method: 'POST', headers: authHeaders(token, extra), body: JSON.stringify({ p: requirementsToken() }) })
    if (!res.ok) throw new Error(`chat-requirements ${res.status}: ${await res.text()}`)
    const r = (await res.json()) as Json
    const headers: Record<string, string> = { 'openai-sentinel-chat-requirements-token': String(r.token) }
    const pow = r.proofofwork
    if (isObj(pow) && pow.required === true) {
      headers['openai-sentinel-proof-token'] = solveSha3(String(pow.seed), String(pow.difficulty)).token
    }
    return { headers, requirements: r }
  }
  const prep = await f(`${base}/prepare`, { method: 'POST', headers: authHeaders(token, extra), body: JSON.stringify({ p: requirementsToken() }) })
  if (!prep.ok) throw new Error(`prepare ${prep.status}: ${await prep.text()}`)
  const r = (await prep.json()) as Json
  const fin: Json = { prepare_token: r.prepare_token }
  const pow = r.proofofwork
  if (isObj(pow) && pow.required === true) fin.proofofwork = solveFnv(String(pow.seed), String(pow.difficulty)).token
  const res = await f(`${base}/finalize`, { method: 'POST', headers: authHeaders(token, extra), body: JSON.stringify(fin) })
  if (!res.ok) throw new Error(`finalize ${res.status}: ${await res.text()}`)
  const done = (await res.json()) as Json
  return { headers: { 'openai-sentinel-chat-requirements-token': String(done.token) }, requirements: { ...r, ...done } }
}

export interface TurnOptions {
  prompt?: string
  conversationId?: string
  parentMessageId?: string
  messageId?: string
  action?: 'next' | 'variant' | 'continue'
  model?: string
  /** 2024: opt into delta v1 (default true). */
  v1?: boolean
  temporary?: boolean
  headers?: Record<string, string>
  skipSentinel?: boolean
  signal?: AbortSignal
}

export function turnBody(era: Era, o: TurnOptions): Json {
  const body: Json = {
    action: o.action ?? 'next',
    parent_message_id: o.parentMessageId ?? randomUUID(),
    model: o.model ?? (era === '2023' ? 'text-davinci-002-render-sha' : 'auto'),
    timezone_offset_min: 0,
    conversation_mode: { kind: 'primary_assistant' },
    history_and_training_disabled: o.temporary === true,
  }
  if (o.action !== 'continue') {
    body.messages = [
      { id: o.messageId ?? randomUUID(), author: { role: 'user' }, content: { content_type: 'text', parts: [o.prompt ?? 'Hello there'] }, metadata: {} },
    ]
  }
  if (o.conversationId) body.conversation_id = o.conversationId
  if (era === '2023') body.arkose_token = null
  if (era !== '2023' && o.v1 !== false) body.supported_encodings = ['v1']
  return body
}

/** Sends one turn (sentinel + conduit included) and returns the raw Response. */
export async function sendTurn(f: typeof fetch, era: Era, token: string, o: TurnOptions = {}): Promise<Response> {
  const body = turnBody(era, o)
  const headers = authHeaders(token, { accept: 'text/event-stream', ...(o.headers ?? {}) })
  if (!o.skipSentinel) Object.assign(headers, (await solveSentinel(f, era, token, o.headers)).headers)
  let path = '/backend-api/conversation'
  if (era === '2025' || era === '2026') {
    path = '/backend-api/f/conversation'
    const { messages: _m, ...prepBody } = body
    const prep = await f('https://chatgpt.com/backend-api/f/conversation/prepare', {
      method: 'POST',
      headers: authHeaders(token, { 'x-conduit-token': 'no-token', ...(o.headers ?? {}) }),
      body: JSON.stringify({ ...prepBody, fork_from_shared_post: false, client_prepare_state: 'none' }),
    })
    if (!prep.ok) throw new Error(`conduit prepare ${prep.status}`)
    headers['x-conduit-token'] = String(((await prep.json()) as Json).conduit_token)
    body.client_prepare_state = 'success'
  }
  return f(`https://chatgpt.com${path}`, { method: 'POST', headers, body: JSON.stringify(body), ...(o.signal ? { signal: o.signal } : {}) })
}

export async function readChunks(res: Response): Promise<Uint8Array[]> {
  const out: Uint8Array[] = []
  if (!res.body) return out
  const reader = res.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    out.push(value)
  }
  return out
}

export const concat = (chunks: Uint8Array[]): Buffer => Buffer.concat(chunks.map((c) => Buffer.from(c)))

export interface SseEvent {
  event?: string
  data: string
}

export function parseSse(text: string): { events: SseEvent[]; comments: string[] } {
  const events: SseEvent[] = []
  const comments: string[] = []
  for (const block of text.split(/\r\n\r\n|\n\n|\r\r/)) {
    if (!block) continue
    let event: string | undefined
    const data: string[] = []
    for (const line of block.split(/\r\n|\n|\r/)) {
      if (line.startsWith(':')) comments.push(line)
      else if (line.startsWith('event:')) event = line.slice(6).trim()
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''))
    }
    if (data.length) events.push({ ...(event ? { event } : {}), data: data.join('\n') })
  }
  return { events, comments }
}

export interface Decoded {
  answer: string
  messageId: string | null
  conversationId: string | null
  status: string | null
  endTurn: boolean | null
  finishType: string | null
  title: string | null
  done: boolean
  streamComplete: boolean
  errors: string[]
  encoding: 'v1' | 'legacy'
  messages: Json[]
}

function setPath(root: Json, path: string, op: string, v: unknown): void {
  const segs = path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
  let cur: unknown = root
  for (const s of segs.slice(0, -1)) cur = (cur as Record<string, unknown>)[s]
  const key = segs[segs.length - 1] as string
  const parent = cur as Record<string, unknown>
  const old = parent[key]
  if (op === 'append') {
    if (typeof old === 'string') parent[key] = old + String(v)
    else if (Array.isArray(old)) parent[key] = [...(old as unknown[]), ...(Array.isArray(v) ? v : [v])]
    else if (isObj(old) && isObj(v)) parent[key] = { ...old, ...v }
    else parent[key] = v
  } else if (op === 'replace' || op === 'add') parent[key] = v
  else if (op === 'remove') delete parent[key]
}

/** Decodes a whole SSE body (legacy or delta v1). */
export function decode(text: string): Decoded {
  const { events } = parseSse(text)
  const out: Decoded = {
    answer: '',
    messageId: null,
    conversationId: null,
    status: null,
    endTurn: null,
    finishType: null,
    title: null,
    done: false,
    streamComplete: false,
    errors: [],
    encoding: 'legacy',
    messages: [],
  }
  const roots = new Map<number, Json>()
  const order: Json[] = []
  let c = 0
  let p = ''
  let o = ''
  for (const ev of events) {
    if (ev.data === '[DONE]') {
      out.done = true
      continue
    }
    if (ev.event === 'delta_encoding') {
      out.encoding = 'v1'
      continue
    }
    if (ev.data.trim() === '') continue
    const obj: unknown = JSON.parse(ev.data)
    if (!isObj(obj)) continue
    if (typeof obj.type === 'string') {
      if (obj.type === 'title_generation') out.title = String(obj.title)
      if (obj.type === 'message_stream_complete') out.streamComplete = true
      continue
    }
    if (obj.error !== undefined && obj.error !== null) {
      out.errors.push(String(obj.error))
      continue
    }
    if (out.encoding === 'v1' && 'v' in obj) {
      if (typeof obj.c === 'number') c = obj.c
      if (typeof obj.p === 'string') p = obj.p
      if (typeof obj.o === 'string') o = obj.o
      if (p === '' && o === 'add') {
        const root = structuredClone(obj.v) as Json
        roots.set(c, root)
        order.push(root)
      } else if (o === 'patch') {
        const root = roots.get(c)
        if (root) for (const sub of obj.v as Json[]) setPath(root, p + String(sub.p), String(sub.o), sub.v)
      } else {
        const root = roots.get(c)
        if (root) setPath(root, p, o, obj.v)
      }
      continue
    }
    if (isObj(obj.message)) order.push(obj)
  }
  let answerMsg: Json | null = null
  for (const root of order) {
    if (typeof root.conversation_id === 'string') out.conversationId = root.conversation_id
    const m = root.message
    if (!isObj(m)) continue
    out.messages.push(m)
    const author = m.author as Json
    const content = m.content as Json
    if (author.role === 'assistant' && content.content_type === 'text' && m.recipient === 'all' && (m.channel === 'final' || m.channel === null || m.channel === undefined)) {
      answerMsg = m
    }
  }
  if (answerMsg) {
    const parts = (answerMsg.content as Json).parts as unknown[]
    out.answer = String(parts[0] ?? '')
    out.messageId = String(answerMsg.id)
    out.status = String(answerMsg.status)
    out.endTurn = answerMsg.end_turn as boolean | null
    const fd = (answerMsg.metadata as Json).finish_details
    out.finishType = isObj(fd) ? String(fd.type) : null
  }
  return out
}

export async function readDecoded(res: Response): Promise<Decoded & { raw: string; chunks: Uint8Array[] }> {
  const chunks = await readChunks(res)
  const raw = new TextDecoder().decode(concat(chunks))
  return { ...decode(raw), raw, chunks }
}
