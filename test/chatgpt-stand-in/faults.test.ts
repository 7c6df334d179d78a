import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createBrowserLikeFetch, faults, startStandIn } from './index'
import type { BrowserLikeFetch, StandIn } from './index'
import { authHeaders, concat, decode, getAccessToken, readChunks, readDecoded, sendTurn } from './test-client'

let s: StandIn
let f: BrowserLikeFetch
let token: string

beforeAll(async () => {
  s = await startStandIn({ era: '2026' })
  f = createBrowserLikeFetch(s, { cookies: { [s.loginCookie.name]: s.loginCookie.value } })
})
afterAll(async () => {
  await f.close()
  await s.close()
})
beforeEach(async () => {
  s.reset()
  s.setEra('2026')
  token = await getAccessToken(f)
})

const getConv = async (id: string): Promise<{ current_node: string; mapping: Record<string, { message: { content: { parts: string[] }; status: string; metadata: { finish_details?: { type: string } } } | null }> }> =>
  (await (await f(`https://chatgpt.com/backend-api/conversation/${id}`, { headers: authHeaders(token) })).json()) as {
    current_node: string
    mapping: Record<string, { message: { content: { parts: string[] }; status: string; metadata: { finish_details?: { type: string } } } | null }>
  }

const storedAnswer = async (conversationId: string): Promise<string> => {
  const c = await getConv(conversationId)
  return c.mapping[c.current_node]?.message?.content.parts[0] ?? ''
}

describe('status faults', () => {
  it('tokenExpired is one-shot; the retry succeeds and is not a duplicate', async () => {
    s.injectFault(faults.tokenExpired({ match: { path: '/backend-api/f/conversation', method: 'POST' } }))
    const id = crypto.randomUUID()
    const res = await sendTurn(f, '2026', token, { messageId: id })
    expect(res.status).toBe(401)
    expect(((await res.json()) as { detail: { code: string } }).detail.code).toBe('token_expired')
    const ok = await sendTurn(f, '2026', token, { messageId: id })
    expect(ok.status).toBe(200)
    await readDecoded(ok)
    expect(s.violations()).toEqual([])
    expect(s.log.filter((e) => e.faults.includes('status'))).toHaveLength(1)
  })

  it.each([
    ['unusualActivity', faults.unusualActivity(), 403, /Unusual activity/],
    ['rateLimited', faults.rateLimited({ clearsIn: 9665, retryAfter: 2 }), 429, /model_cap_exceeded/],
    ['tooManyRequests', faults.tooManyRequests({ retryAfter: 2 }), 429, /Too Many Requests/],
    ['oneAtATime', faults.oneAtATime(), 429, /Only one message at a time/],
    ['conversationNotFound', faults.conversationNotFound(), 404, /conversation_not_found/],
    ['tooLong', faults.tooLong(), 413, /too long/],
    ['serverError', faults.serverError(), 500, /Internal Server Error/],
    ['moderation', faults.moderation(), 400, /flagged_by_moderation/],
    ['forbiddenEmpty', faults.forbiddenEmpty(), 403, /^$/],
    ['unprocessable', faults.unprocessable(), 422, /field required/],
    ['cloudflare', faults.cloudflare({ match: { path: '/backend-api/f/conversation' } }), 403, /Just a moment/],
  ] as const)('%s', async (_name, fault, status, body) => {
    s.injectFault(fault)
    const res = await sendTurn(f, '2026', token)
    expect(res.status).toBe(status)
    expect(await res.text()).toMatch(body)
    if (_name === 'rateLimited') expect(res.headers.get('retry-after')).toBe('2')
    if (_name === 'cloudflare') expect(res.headers.get('cf-mitigated')).toBe('challenge')
    const next = await sendTurn(f, '2026', token)
    expect(next.status).toBe(200)
    await readDecoded(next)
  })

  it('times: n and Infinity; clearFaults', async () => {
    s.injectFault({ ...faults.serverError({ match: { path: '/backend-api/me' } }), times: 2 })
    const me = async (): Promise<number> => (await f('https://chatgpt.com/backend-api/me', { headers: authHeaders(token) })).status
    expect([await me(), await me(), await me()]).toEqual([500, 500, 200])
    s.injectFault(faults.tokenExpired({ match: { path: '/backend-api/me' }, times: Infinity }))
    expect([await me(), await me(), await me()]).toEqual([401, 401, 401])
    s.clearFaults()
    expect(await me()).toBe(200)
  })

  it('refuse destroys the socket without a response', async () => {
    s.injectFault(faults.refuse({ match: { path: '/backend-api/models' } }))
    await expect(f('https://chatgpt.com/backend-api/models', { headers: authHeaders(token) })).rejects.toThrow()
    const entry = s.log.find((e) => e.path === '/backend-api/models')
    expect(entry?.status).toBe(0)
    expect(entry?.faults).toEqual(['refuse'])
    expect(entry?.closedByClient).toBe(false)
  })

  it('headerDelay holds the response head', async () => {
    s.injectFault(faults.headerDelay(300, { match: { path: '/backend-api/models' } }))
    const t0 = Date.now()
    const res = await f('https://chatgpt.com/backend-api/models', { headers: authHeaders(token) })
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290)
    expect(res.status).toBe(200)
  })
})

describe('stream faults', () => {
  it('stall (finite): silence, then the stream completes', async () => {
    s.injectFault(faults.stall({ afterFrames: 6, ms: 400 }))
    const res = await sendTurn(f, '2026', token)
    const reader = res.body?.getReader()
    if (!reader) throw new Error('no body')
    const times: number[] = []
    const chunks: Uint8Array[] = []
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      times.push(Date.now())
    }
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t))
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(350)
    expect(decode(new TextDecoder().decode(concat(chunks))).done).toBe(true)
  })

  it('stall (Infinity) until the client aborts: closedByClient, and the server finishes the message', async () => {
    s.queueAnswer({ text: 'The full answer that the server still finishes.' })
    s.injectFault(faults.stall({ afterFrames: 8, ms: Infinity }))
    const ac = new AbortController()
    const res = await sendTurn(f, '2026', token, { signal: ac.signal })
    const reader = res.body?.getReader()
    if (!reader) throw new Error('no body')
    let text = ''
    const dec = new TextDecoder()
    while (!text.includes('"c":2}')) text += dec.decode((await reader.read()).value, { stream: true })
    const send = s.log.find((e) => e.path === '/backend-api/f/conversation')
    expect(send?.closedByClient).toBe(false)
    expect(s.conversations()[0]?.streaming).toBe(true)
    const convId = s.conversations()[0]?.id as string
    const status = await (await f(`https://chatgpt.com/backend-api/conversation/${convId}/stream_status`, { headers: authHeaders(token) })).json()
    expect(status).toMatchObject({ status: 'IS_STREAMING' })
    ac.abort()
    const entry = await s.waitFor((e) => e.path === '/backend-api/f/conversation' && e.closedByClient, 2000)
    expect(entry.finished).toBe(false)
    expect(await storedAnswer(convId)).toBe('The full answer that the server still finishes.')
    const after = await (await f(`https://chatgpt.com/backend-api/conversation/${convId}/stream_status`, { headers: authHeaders(token) })).json()
    expect(after).toMatchObject({ status: 'NOT_STREAMING' })
  })

  it('truncate: clean EOF without [DONE]; GET recovers the finished message', async () => {
    s.queueAnswer({ text: 'Alpha beta gamma delta epsilon zeta eta theta.' })
    s.injectFault(faults.truncate({ afterFrames: 10 }))
    const d = await readDecoded(await sendTurn(f, '2026', token))
    expect(d.done).toBe(false)
    expect(d.streamComplete).toBe(false)
    expect(d.status).toBe('in_progress')
    expect(await storedAnswer(d.conversationId as string)).toBe('Alpha beta gamma delta epsilon zeta eta theta.')
    const entry = s.log.find((e) => e.path === '/backend-api/f/conversation')
    expect(entry?.faults).toEqual(['truncate'])
    expect(entry?.closedByClient).toBe(false)
  })

  it('truncate afterBytes with abort: the client sees a network error mid-body', async () => {
    s.injectFault(faults.truncate({ afterBytes: 700, abort: true }))
    const res = await sendTurn(f, '2026', token)
    expect(res.status).toBe(200)
    await expect(readChunks(res)).rejects.toThrow()
    expect(s.conversations()[0]?.streaming).toBe(false)
  })

  it('streamError: an in-stream error event, then the end', async () => {
    s.injectFault(faults.streamError({ afterFrames: 9, message: 'Something went wrong while generating the response.' }))
    const d = await readDecoded(await sendTurn(f, '2026', token))
    expect(d.errors).toEqual(['Something went wrong while generating the response.'])
    expect(d.raw).toContain('data: {"message":null,"conversation_id":')
    expect(d.done).toBe(false)
    const c = await getConv(d.conversationId as string)
    expect(c.mapping[c.current_node]?.message?.status).toBe('finished_partial_completion')
  })

  it('chunking inside a UTF-8 sequence (raw UTF-8 mode)', async () => {
    const text = 'Zeichen: 日本語 and 🚀 emoji'
    // Find the byte offset of the rocket in the body first (an unsplit run).
    s.queueAnswer({ text, rawUtf8: true, tokensPerFrame: 100 })
    const probe = await readDecoded(await sendTurn(f, '2026', token))
    const rocket = Buffer.from(probe.raw, 'utf8').indexOf(Buffer.from('🚀', 'utf8'))
    const kanji = Buffer.from(probe.raw, 'utf8').indexOf(Buffer.from('本', 'utf8'))
    expect(rocket).toBeGreaterThan(0)
    s.reset()
    token = await getAccessToken(f)
    // Same shape (same lengths) with explicit split points: inside the 4-byte and the 3-byte sequence.
    const cuts = [kanji + 1, rocket + 2]
    s.queueAnswer({ text, rawUtf8: true, tokensPerFrame: 100, chunking: cuts, delayMs: 40 })
    const res = await sendTurn(f, '2026', token)
    const chunks = await readChunks(res)
    const sizes = chunks.map((c) => c.length)
    const ends = sizes.map((_, i) => sizes.slice(0, i + 1).reduce((a, b) => a + b, 0))
    expect(ends).toContain(cuts[0])
    expect(ends).toContain(cuts[1])
    const d = decode(new TextDecoder().decode(concat(chunks)))
    expect(d.answer).toBe(text)
  })

  it('crlf + chunkAt between \\r and \\n', async () => {
    s.queueAnswer({ text: 'short', delayMs: 20 })
    s.injectFault(faults.crlf())
    const first = '\r\n'
    // The first line is "event: delta_encoding\r\n": split between its \r and \n.
    const cut = 'event: delta_encoding'.length + 1
    s.injectFault(faults.chunkAt([cut, cut + first.length + 10]))
    const res = await sendTurn(f, '2026', token)
    const chunks = await readChunks(res)
    const body = concat(chunks).toString('utf8')
    expect(body.startsWith('event: delta_encoding\r\ndata: "v1"\r\n\r\n')).toBe(true)
    expect(body.includes('\n\n')).toBe(false)
    expect(Buffer.from(chunks[0] ?? new Uint8Array()).toString('utf8')).toBe('event: delta_encoding\r')
    expect(Buffer.from(chunks[1] ?? new Uint8Array()).toString('utf8').startsWith('\n')).toBe(true)
    expect(decode(body).answer).toBe('short')
    expect(s.log.find((e) => e.method === 'POST' && e.path === '/backend-api/f/conversation')?.faults).toEqual(['chunkAt', 'crlf'])
  })

  it('numeric chunking: every N bytes', async () => {
    s.queueAnswer({ text: 'n-byte chunks', chunking: 97, delayMs: 2 })
    const res = await sendTurn(f, '2026', token)
    const chunks = await readChunks(res)
    // Reads may merge writes, never split them: every chunk end but the last is a multiple of 97.
    let end = 0
    const ends = chunks.map((c) => (end += c.length))
    expect(ends.slice(0, -1).every((e) => e % 97 === 0)).toBe(true)
    expect(chunks.length).toBeGreaterThan(3)
    expect(decode(concat(chunks).toString()).answer).toBe('n-byte chunks')
  })

  it('stream faults are not used up by non-stream requests on the same path', async () => {
    s.injectFault(faults.truncate({ afterFrames: 3 }, { match: { path: /conversation/ } }))
    await getConv('00000000-0000-4000-8000-000000000000')
    const d = await readDecoded(await sendTurn(f, '2026', token))
    expect(d.done).toBe(false)
  })

  it('stop_conversation ends the stream as interrupted and stores the partial', async () => {
    s.queueAnswer({ text: 'y'.repeat(300), tokensPerFrame: 10, delayMs: 15 })
    const res = await sendTurn(f, '2026', token)
    const reader = res.body?.getReader()
    if (!reader) throw new Error('no body')
    let raw = ''
    const dec = new TextDecoder()
    while (!raw.includes('"o":"append"')) raw += dec.decode((await reader.read()).value, { stream: true })
    const convId = s.conversations()[0]?.id
    await f('https://chatgpt.com/backend-api/stop_conversation', { method: 'POST', headers: authHeaders(token), body: JSON.stringify({ conversation_id: convId }) })
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      raw += dec.decode(value, { stream: true })
    }
    const d = decode(raw)
    expect(d.done).toBe(true)
    expect(d.finishType).toBe('interrupted')
    expect(d.answer.length).toBeLessThan(300)
    expect(await storedAnswer(convId as string)).toBe(d.answer)
  })
})

describe('log, waitFor, reset, close', () => {
  it('waitFor is bounded and resolves on later changes', async () => {
    await expect(s.waitFor((e) => e.path === '/never', 50)).rejects.toThrow(/timed out/)
    const p = s.waitFor((e) => e.path === '/backend-api/me' && e.status === 200)
    await f('https://chatgpt.com/backend-api/me', { headers: authHeaders(token) })
    expect((await p).status).toBe(200)
  })

  it('the log is bounded and records method, query, headers, cookies, body', async () => {
    const small = await startStandIn({ logLimit: 3 })
    const g = createBrowserLikeFetch(small, { cookies: { a: '1' } })
    for (let i = 0; i < 5; i++) await g(`https://chatgpt.com/api/auth/session?i=${i}`)
    await g('https://chatgpt.com/backend-api/stop_conversation', { method: 'POST', body: JSON.stringify({ x: 1 }), headers: { 'content-type': 'application/json', 'X-Custom': 'Yes' } })
    expect(small.log).toHaveLength(3)
    const last = small.log.at(-1)
    expect(last).toMatchObject({ method: 'POST', path: '/backend-api/stop_conversation', body: { x: 1 }, status: 401, cookies: { a: '1' } })
    expect(last?.headers['x-custom']).toBe('Yes')
    expect(small.log.at(-2)?.query).toEqual({ i: '4' })
    await g.close()
    await small.close()
  })

  it('close() does not hang with an open SSE socket', async () => {
    const other = await startStandIn({ era: '2024' })
    const g = createBrowserLikeFetch(other, { cookies: { [other.loginCookie.name]: other.loginCookie.value } })
    const t = await getAccessToken(g)
    other.injectFault(faults.stall({ afterFrames: 2, ms: Infinity }))
    const res = await sendTurn(g, '2024', t)
    expect(res.status).toBe(200)
    const reading = readChunks(res).catch(() => 'closed')
    await other.waitFor((e) => e.method === 'POST' && e.path === '/backend-api/conversation' && e.bytesWritten > 0)
    const t0 = Date.now()
    await other.close()
    expect(Date.now() - t0).toBeLessThan(1000)
    await reading
    expect(other.log.find((e) => e.path === '/backend-api/conversation')?.closedByClient).toBe(false)
    await g.close()
  })

  it('reset clears state and modes but keeps the era', async () => {
    s.setEra('2025')
    s.setMode({ cloudflare: true })
    s.injectFault(faults.serverError())
    s.queueAnswer({ text: 'queued' })
    s.reset()
    expect(s.era).toBe('2025')
    expect(s.modes().cloudflare).toBe(false)
    expect(s.log).toHaveLength(0)
    token = await getAccessToken(f)
    const d = await readDecoded(await sendTurn(f, '2025', token, { prompt: 'fresh' }))
    expect(d.answer).toContain('You asked: fresh')
  })
})
