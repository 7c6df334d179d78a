import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createBrowserLikeFetch, ONE_AT_A_TIME, startStandIn, UNUSUAL_ACTIVITY } from './index'
import type { BrowserLikeFetch, StandIn } from './index'
import { authHeaders, getAccessToken, readDecoded, sendTurn, solveSentinel, turnBody } from './test-client'

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

describe('conversation and parent checks', () => {
  it('an unknown conversation_id is 404 conversation_not_found + violation', async () => {
    const res = await sendTurn(f, '2026', token, { conversationId: randomUUID(), parentMessageId: randomUUID() })
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ detail: { message: 'Conversation not found', code: 'conversation_not_found' } })
    expect(s.violations()).toEqual(['unknown-conversation'])
  })

  it('a follow-up whose parent is not the current node is 409 + violation', async () => {
    const d = await readDecoded(await sendTurn(f, '2026', token, { prompt: 'one' }))
    const res = await sendTurn(f, '2026', token, { prompt: 'two', conversationId: d.conversationId as string, parentMessageId: randomUUID() })
    expect(res.status).toBe(409)
    const body = (await res.json()) as { detail: { code: string; message: string } }
    expect(body.detail.code).toBe('invalid_parent_message_id')
    expect(body.detail.message).toContain(d.messageId as string)
    expect(s.violations()).toEqual(['parent-mismatch'])
    // The user message id of a rejected send is not "seen": resending it correctly is fine.
  })

  it('re-POSTing a user message id is recorded as duplicate-user-message', async () => {
    const id = randomUUID()
    await readDecoded(await sendTurn(f, '2026', token, { prompt: 'once', messageId: id }))
    const again = await sendTurn(f, '2026', token, { prompt: 'once', messageId: id })
    expect(again.status).toBe(200)
    await readDecoded(again)
    expect(s.violations()).toEqual(['duplicate-user-message'])
    const ids = s.conversations().flatMap((c) => c.userMessageIds)
    expect(ids.filter((x) => x === id)).toHaveLength(2)
  })

  it('a retry after a rejected send (401) is not a duplicate', async () => {
    const id = randomUUID()
    const bad = await sendTurn(f, '2026', token, { messageId: id, skipSentinel: true })
    expect(bad.status).toBe(403)
    await readDecoded(await sendTurn(f, '2026', token, { messageId: id }))
    expect(s.violations()).toEqual(['sentinel-missing'])
  })

  it('body checks: invalid message id, action, author; continue/variant need a conversation', async () => {
    const prep = async (): Promise<string> =>
      String(
        ((await (await f('https://chatgpt.com/backend-api/f/conversation/prepare', {
          method: 'POST',
          headers: authHeaders(token, { 'x-conduit-token': 'no-token' }),
          body: JSON.stringify({ model: 'auto' }),
        })).json()) as { conduit_token: string }).conduit_token,
      )
    const send = async (body: Record<string, unknown>): Promise<Response> => {
      const { headers: h } = await solveSentinel(f, '2026', token)
      return f('https://chatgpt.com/backend-api/f/conversation', {
        method: 'POST',
        headers: authHeaders(token, { ...h, 'x-conduit-token': await prep() }),
        body: JSON.stringify(body),
      })
    }
    const base = turnBody('2026', {})
    const msg = (base.messages as Record<string, unknown>[])[0] as Record<string, unknown>
    expect((await send({ ...base, messages: [{ ...msg, id: 'not-a-uuid' }] })).status).toBe(422)
    expect((await send({ ...base, action: 'jump' })).status).toBe(422)
    expect((await send({ ...base, messages: [{ ...msg, id: randomUUID(), author: { role: 'assistant' } }] })).status).toBe(422)
    expect((await send({ ...base, action: 'continue', messages: undefined })).status).toBe(400)
    expect(s.violations()).toEqual(['invalid-message-id', 'invalid-action', 'invalid-author', 'missing-conversation-id'])
  })

  it('continue after a normal stop is refused', async () => {
    const d = await readDecoded(await sendTurn(f, '2026', token))
    const res = await sendTurn(f, '2026', token, { action: 'continue', conversationId: d.conversationId as string, parentMessageId: d.messageId as string })
    expect(res.status).toBe(400)
    expect(s.violations()).toEqual(['continue-not-allowed'])
  })

  it('variant with the wrong parent is refused', async () => {
    const userId = randomUUID()
    const d = await readDecoded(await sendTurn(f, '2026', token, { messageId: userId }))
    const res = await sendTurn(f, '2026', token, { action: 'variant', messageId: userId, conversationId: d.conversationId as string, parentMessageId: d.messageId as string })
    expect(res.status).toBe(409)
    expect(s.violations()).toEqual(['parent-mismatch'])
  })
})

describe('one message at a time', () => {
  it('a second send while one streams gets 429 + violation; after it ends sending works', async () => {
    s.queueAnswer({ text: 'x'.repeat(200), tokensPerFrame: 10, delayMs: 15 })
    const first = await sendTurn(f, '2026', token, { prompt: 'slow' })
    expect(first.status).toBe(200)
    const second = await sendTurn(f, '2026', token, { prompt: 'eager' })
    expect(second.status).toBe(429)
    expect(await second.json()).toEqual({ detail: ONE_AT_A_TIME })
    expect(s.violations()).toEqual(['concurrent-send'])
    const d = await readDecoded(first)
    expect(d.answer).toBe('x'.repeat(200))
    const third = await sendTurn(f, '2026', token, { prompt: 'now' })
    expect(third.status).toBe(200)
    await readDecoded(third)
  })
})

describe('headers and identity', () => {
  it('Oai-Device-Id must equal the oai-did cookie when present', async () => {
    const g = createBrowserLikeFetch(s, { cookies: { [s.loginCookie.name]: s.loginCookie.value, 'oai-did': 'did-1' } })
    await readDecoded(await sendTurn(g, '2026', token, { headers: { 'oai-device-id': 'did-1' } }))
    expect(s.violations()).toEqual([])
    await readDecoded(await sendTurn(g, '2026', token, { headers: { 'oai-device-id': 'did-2' } }))
    expect(new Set(s.violations())).toEqual(new Set(['device-id-mismatch']))
    await g.close()
  })

  it('requireOrigin: the extension origin gets 403 unusual activity, the page origin passes', async () => {
    s.setMode({ requireOrigin: 'https://chatgpt.com' })
    const res = await sendTurn(f, '2026', token)
    expect(res.status).toBe(403)
    expect(await res.json()).toEqual({ detail: UNUSUAL_ACTIVITY })
    const page = createBrowserLikeFetch(s, { cookies: { [s.loginCookie.name]: s.loginCookie.value }, origin: 'https://chatgpt.com' })
    const ok = await sendTurn(page, '2026', token)
    expect(ok.status).toBe(200)
    await readDecoded(ok)
    await page.close()
  })

  it('conduit: send without, with a reused, or with a model-mismatched token is 400 + violation', async () => {
    s.setEra('2025')
    const { headers } = await solveSentinel(f, '2025', token)
    const body = JSON.stringify(turnBody('2025', {}))
    const noConduit = await f('https://chatgpt.com/backend-api/f/conversation', { method: 'POST', headers: authHeaders(token, headers), body })
    expect(noConduit.status).toBe(400)
    const prep = await f('https://chatgpt.com/backend-api/f/conversation/prepare', {
      method: 'POST',
      headers: authHeaders(token),
      body: JSON.stringify({ model: 'gpt-5' }),
    })
    const conduit = ((await prep.json()) as { status: string; conduit_token: string })
    expect(conduit.status).toBe('ok')
    expect(conduit.conduit_token.split('.')).toHaveLength(3)
    const { headers: h2 } = await solveSentinel(f, '2025', token)
    const mismatch = await f('https://chatgpt.com/backend-api/f/conversation', {
      method: 'POST',
      headers: authHeaders(token, { ...h2, 'x-conduit-token': conduit.conduit_token }),
      body,
    })
    expect(mismatch.status).toBe(400)
    const { headers: h3 } = await solveSentinel(f, '2025', token)
    const reused = await f('https://chatgpt.com/backend-api/f/conversation', {
      method: 'POST',
      headers: authHeaders(token, { ...h3, 'x-conduit-token': conduit.conduit_token }),
      body,
    })
    expect(reused.status).toBe(400)
    expect(s.violations()).toEqual(['conduit-token-invalid', 'conduit-prepare-header', 'conduit-model-mismatch', 'conduit-token-reused'])
  })

  it('2023: arkoseRequired needs a string arkose_token in the body', async () => {
    s.setEra('2023')
    s.setMode({ arkoseRequired: true })
    const res = await sendTurn(f, '2023', token)
    expect(res.status).toBe(403)
    const body = turnBody('2023', {})
    body.arkose_token = 'tok|sup=1|rid=1'
    const ok = await f('https://chatgpt.com/backend-api/conversation', { method: 'POST', headers: authHeaders(token), body: JSON.stringify(body) })
    expect(ok.status).toBe(200)
    await readDecoded(ok)
  })
})
