import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { createBrowserLikeFetch, startStandIn } from './index'
import type { BrowserLikeFetch, Era, StandIn } from './index'
import { authHeaders, decode, getAccessToken, parseSse, readDecoded, sendTurn } from './test-client'

let s: StandIn
let f: BrowserLikeFetch

beforeAll(async () => {
  s = await startStandIn({ era: '2026' })
  f = createBrowserLikeFetch(s, { cookies: { [s.loginCookie.name]: s.loginCookie.value } })
})
afterAll(async () => {
  await f.close()
  await s.close()
})
beforeEach(() => s.reset())

const ERAS: Era[] = ['2023', '2024', '2025', '2026']

describe('server basics', () => {
  it('listens on loopback with the committed certificate and exports its SPKI pin', async () => {
    expect(s.origin).toBe(`https://127.0.0.1:${s.port}`)
    expect(s.certPem).toBe(readFileSync(new URL('./cert/cert.pem', import.meta.url), 'utf8'))
    expect(s.spkiSha256).toMatch(/^[A-Za-z0-9+/]{43}=$/)
    const res = await f(`${s.origin}/`)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('data-build="prod-')
  })

  it('refuses non-stand-in hosts in the browser-like fetch', async () => {
    await expect(f('https://example.com/')).rejects.toThrow(/refusing/)
  })
})

describe.each(ERAS)('era %s end to end', (era) => {
  beforeEach(() => s.setEra(era))

  it('session -> sentinel -> send -> complete stream -> follow-up -> GET', async () => {
    const token = await getAccessToken(f)
    const res = await sendTurn(f, era, token, { prompt: 'Name three colours' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const d = await readDecoded(res)
    expect(d.done).toBe(true)
    expect(d.answer).toContain('You asked: Name three colours')
    expect(d.status).toBe('finished_successfully')
    expect(d.endTurn).toBe(true)
    expect(d.finishType).toBe('stop')
    expect(d.encoding).toBe(era === '2023' ? 'legacy' : 'v1')
    if (era === '2025' || era === '2026') {
      expect(d.streamComplete).toBe(true)
      expect(d.title).toBe('Name three colours')
    } else expect(d.title).toBeNull()
    expect(d.chunks.length).toBeGreaterThan(5)
    expect(d.raw.endsWith('data: [DONE]\n\n')).toBe(true)
    expect(s.violations()).toEqual([])

    // Follow-up on the same conversation with parent = last assistant id.
    const convId = d.conversationId as string
    const res2 = await sendTurn(f, era, token, { prompt: 'And three more', conversationId: convId, parentMessageId: d.messageId as string })
    expect(res2.status).toBe(200)
    const d2 = await readDecoded(res2)
    expect(d2.conversationId).toBe(convId)
    expect(d2.answer).toContain('And three more')
    expect(d2.title).toBeNull()

    const get = await f(`https://chatgpt.com/backend-api/conversation/${convId}`, { headers: authHeaders(token) })
    const conv = (await get.json()) as { current_node: string; mapping: Record<string, { message: { content: { parts: string[] } } | null; parent: string | null }> }
    expect(conv.current_node).toBe(d2.messageId)
    expect(conv.mapping[d2.messageId as string]?.message?.content.parts[0]).toBe(d2.answer)
    expect(conv.mapping[d2.messageId as string]?.parent).toBeTruthy()

    const list = await f('https://chatgpt.com/backend-api/conversations?offset=0&limit=28', { headers: authHeaders(token) })
    const items = ((await list.json()) as { items: { id: string }[] }).items
    expect(items.map((i) => i.id)).toEqual([convId])
    const stored = s.conversations()[0]
    expect(stored?.userMessageIds).toHaveLength(2)
    expect(stored?.streaming).toBe(false)
    expect(s.violations()).toEqual([])
  })

  it('serves era-appropriate models and /me', async () => {
    const token = await getAccessToken(f)
    const models = (await (await f('https://chatgpt.com/backend-api/models', { headers: authHeaders(token) })).json()) as {
      models: { slug: string }[]
      default_model_slug: string
    }
    expect(models.models.map((m) => m.slug)).toContain(models.default_model_slug)
    expect(models.default_model_slug).toBe(era === '2023' ? 'text-davinci-002-render-sha' : 'auto')
    const me = (await (await f('https://chatgpt.com/backend-api/me', { headers: authHeaders(token) })).json()) as { email: string }
    expect(me.email).toBe('tester@example.com')
  })

  it('routes: the other generations of send and sentinel endpoints are 404', async () => {
    const token = await getAccessToken(f)
    const post = (path: string): Promise<Response> => f(`https://chatgpt.com${path}`, { method: 'POST', headers: authHeaders(token), body: '{}' })
    const status = async (path: string): Promise<number> => (await post(path)).status
    expect(await status('/backend-api/conversation')).toBe(era === '2025' || era === '2026' ? 404 : era === '2023' ? 422 /* no messages */ : 403 /* no sentinel */)
    expect(await status('/backend-api/f/conversation')).toBe(era === '2025' || era === '2026' ? 400 /* no conduit */ : 404)
    expect(await status('/backend-api/sentinel/chat-requirements')).toBe(era === '2024' || era === '2025' ? 403 /* bad p */ : 404)
    expect(await status('/backend-api/sentinel/chat-requirements/prepare')).toBe(era === '2026' ? 403 : 404)
  })
})

describe('stream shapes', () => {
  it('the test decoder used below reproduces the expected answers of the six real captures', () => {
    const dir = new URL('../fixtures/chatgpt-streams/', import.meta.url)
    const expected = (name: string): string => readFileSync(new URL(`${name}.expected.txt`, dir), 'utf8')
    for (const name of ['k1liang-s1', 'k1liang-s3', 'k1liang-s7']) {
      const j = JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8')) as { chunks: { b64: string }[] }
      const raw = Buffer.concat(j.chunks.map((c) => Buffer.from(c.b64, 'base64'))).toString('utf8')
      expect(decode(raw).answer).toBe(expected(name))
    }
    for (const name of ['ml-demo-2024-10-16-delta-v1-gpt-4o', 'ml-demo-2024-10-16-delta-v1-gpt-4o-canmore-file-tools', 'ml-demo-2024-10-15-legacy-gpt-4o-mini.extracted']) {
      expect(decode(readFileSync(new URL(`${name}.sse`, dir), 'utf8')).answer).toBe(expected(name))
    }
  })

  it('2023: Python separators, cumulative snapshots, is_completion event', async () => {
    s.setEra('2023')
    const token = await getAccessToken(f)
    const d = await readDecoded(await sendTurn(f, '2023', token, { prompt: 'hi' }))
    expect(d.raw).toContain('data: {"message": {"id": ')
    expect(d.raw).toContain('"is_completion": true')
    expect(d.raw).not.toContain('event:')
  })

  it('2024 without supported_encodings: legacy snapshots with system + user echo', async () => {
    s.setEra('2024')
    const token = await getAccessToken(f)
    const d = await readDecoded(await sendTurn(f, '2024', token, { prompt: 'hi', v1: false }))
    expect(d.encoding).toBe('legacy')
    expect(d.messages.map((m) => (m.author as { role: string }).role).slice(0, 2)).toEqual(['system', 'user'])
    expect(d.answer).toContain('You asked: hi')
  })

  it('2024 v1: ml-demo shape (assistant at c:0, bare v frames, empty data event)', async () => {
    s.setEra('2024')
    const token = await getAccessToken(f)
    const d = await readDecoded(await sendTurn(f, '2024', token, { prompt: 'hi' }))
    const { events } = parseSse(d.raw)
    expect(events[0]).toEqual({ event: 'delta_encoding', data: '"v1"' })
    expect(events[1]?.data).toMatch(/^\{"p": "", "o": "add", "v": \{"message": \{"id": .*"role": "assistant"/)
    expect(events.some((e) => /^\{"v": "/.test(e.data))).toBe(true)
    expect(events.at(-2)?.data).toBe('')
    expect(events.at(-1)?.data).toBe('[DONE]')
  })

  it('2026: k1liang shape, reasoning recap and final channel, escapes non-ASCII', async () => {
    s.setEra('2026')
    s.queueAnswer({ text: 'Ünïcödé 🚀 answer with enough text to need several frames', reasoning: true, title: 'Scripted' })
    const token = await getAccessToken(f)
    const d = await readDecoded(await sendTurn(f, '2026', token, { prompt: 'think' }))
    expect(d.answer).toBe('Ünïcödé 🚀 answer with enough text to need several frames')
    expect(d.title).toBe('Scripted')
    expect([...d.raw].every((ch) => ch.charCodeAt(0) < 0x80)).toBe(true)
    const types = parseSse(d.raw).events.map((e) => /"type":"([a-z_]+)"/.exec(e.data)?.[1]).filter(Boolean)
    expect(types).toEqual(
      expect.arrayContaining(['resume_conversation_token', 'input_message', 'title_generation', 'message_marker', 'server_ste_metadata', 'message_stream_complete', 'conversation_detail_metadata']),
    )
    const contentTypes = d.messages.map((m) => (m.content as { content_type: string }).content_type)
    expect(contentTypes).toEqual(['text', 'text', 'thoughts', 'reasoning_recap', 'text'])
    expect(d.messages.at(-1)?.channel).toBe('final')
    expect(parseSse(d.raw).comments.some((c) => c.startsWith(': ping - '))).toBe(true)
    // A bare {"v": "..."} after the thoughts pointer must not leak into the answer (carry-forward).
    expect(d.answer).not.toContain('The user wrote')
    const conv = s.conversations()[0]
    expect(Object.values(conv?.mapping ?? {}).map((n) => n.message?.content.content_type)).toContain('reasoning_recap')
  })

  it('finishReason max_tokens then action continue', async () => {
    s.setEra('2026')
    s.queueAnswer({ text: 'cut here', finishReason: 'max_tokens' })
    const token = await getAccessToken(f)
    const d = await readDecoded(await sendTurn(f, '2026', token, { prompt: 'long' }))
    expect(d.finishType).toBe('max_tokens')
    expect(d.endTurn).toBe(false)
    const d2 = await readDecoded(
      await sendTurn(f, '2026', token, { action: 'continue', conversationId: d.conversationId as string, parentMessageId: d.messageId as string }),
    )
    expect(d2.answer).toContain('(continued)')
    expect(s.violations()).toEqual([])
  })

  it('variant regenerates the last turn as a sibling answer', async () => {
    s.setEra('2024')
    const token = await getAccessToken(f)
    const firstParent = crypto.randomUUID()
    const userId = crypto.randomUUID()
    const d = await readDecoded(await sendTurn(f, '2024', token, { prompt: 'pick one', messageId: userId, parentMessageId: firstParent }))
    const d2 = await readDecoded(
      await sendTurn(f, '2024', token, { action: 'variant', prompt: 'pick one', messageId: userId, parentMessageId: firstParent, conversationId: d.conversationId as string }),
    )
    expect(d2.answer).toContain('Another take')
    const conv = s.conversations()[0]
    expect(conv?.mapping[userId]?.children).toEqual([d.messageId, d2.messageId])
    expect(conv?.currentNode).toBe(d2.messageId)
    expect(conv?.userMessageIds).toEqual([userId])
    expect(s.violations()).toEqual([])
  })

  it('temporary chats are readable by id but not listed; PATCH hides and titles; gen_title', async () => {
    s.setEra('2024')
    const token = await getAccessToken(f)
    const tmp = await readDecoded(await sendTurn(f, '2024', token, { prompt: 'secret', temporary: true }))
    const kept = await readDecoded(await sendTurn(f, '2024', token, { prompt: 'keep me please now' }))
    const h = authHeaders(token)
    const list = async (): Promise<string[]> =>
      ((await (await f('https://chatgpt.com/backend-api/conversations?offset=0&limit=28', { headers: h })).json()) as { items: { id: string }[] }).items.map((i) => i.id)
    expect(await list()).toEqual([kept.conversationId])
    expect((await f(`https://chatgpt.com/backend-api/conversation/${tmp.conversationId}`, { headers: h })).status).toBe(200)
    expect(s.conversations().find((c) => c.id === tmp.conversationId)?.temporary).toBe(true)

    const gen = await f(`https://chatgpt.com/backend-api/conversation/gen_title/${kept.conversationId}`, {
      method: 'POST',
      headers: h,
      body: JSON.stringify({ message_id: kept.messageId }),
    })
    expect(await gen.json()).toEqual({ title: 'Keep me please now' })
    await f(`https://chatgpt.com/backend-api/conversation/${kept.conversationId}`, { method: 'PATCH', headers: h, body: JSON.stringify({ title: 'Renamed' }) })
    expect(s.conversations().find((c) => c.id === kept.conversationId)?.title).toBe('Renamed')
    const hide = await f(`https://chatgpt.com/backend-api/conversation/${kept.conversationId}`, { method: 'PATCH', headers: h, body: JSON.stringify({ is_visible: false }) })
    expect(await hide.json()).toEqual({ success: true })
    expect(await list()).toEqual([])
    const gone = await f(`https://chatgpt.com/backend-api/conversation/${kept.conversationId}`, { headers: h })
    expect(gone.status).toBe(404)
    expect(await gone.json()).toEqual({ detail: { message: 'Conversation not found', code: 'conversation_not_found' } })
  })
})
