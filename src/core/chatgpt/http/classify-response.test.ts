import { describe, expect, it } from 'vitest'
import { toChatGptError, type ResponseContext } from './classify-response'

const NOW = 1_800_000_000_000
const json = (body: unknown) => JSON.stringify(body)
const JSON_TYPE = { 'content-type': 'application/json' }
const HTML_TYPE = { 'content-type': 'text/html; charset=UTF-8' }
const CHALLENGE_HTML = '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body class="cf-please-wait"></body></html>'

interface Row {
  name: string
  status: number
  body?: string
  headers?: Record<string, string>
  context?: ResponseContext
  code: string
}

// One row per line of protocol.md §9 (plus the variants the brief lists).
const rows: Row[] = [
  { name: '401 token_expired', status: 401, body: json({ detail: { code: 'token_expired', message: 'Your authentication token has expired. Please try refreshing it.' } }), code: 'token-expired' },
  { name: '401 older token_expired shape', status: 401, body: json({ detail: { message: 'Your authentication token has expired. Please try signing in again.', type: 'invalid_request_error', param: null, code: 'token_expired' } }), code: 'token-expired' },
  { name: '401 bad token text', status: 401, body: json({ detail: 'Could not parse your authentication token. Please try signing in again.' }), code: 'token-expired' },
  { name: '401 on the session endpoint', status: 401, body: '', context: 'session', code: 'not-logged-in' },
  { name: '403 HTML challenge', status: 403, body: CHALLENGE_HTML, headers: HTML_TYPE, code: 'cloudflare-check' },
  { name: '403 cf-mitigated header, JSON body', status: 403, body: '{}', headers: { ...JSON_TYPE, 'cf-mitigated': 'challenge' }, code: 'cloudflare-check' },
  { name: '503 cf-mitigated header', status: 503, body: '', headers: { 'cf-mitigated': 'challenge' }, code: 'cloudflare-check' },
  { name: '403 "Just a moment" without content type', status: 403, body: 'Just a moment...', code: 'cloudflare-check' },
  { name: '403 unusual activity (2026)', status: 403, body: json({ detail: 'Unusual activity has been detected from your device. Try again later.' }), code: 'unusual-activity' },
  { name: '403 unusual activity (2023-24)', status: 403, body: json({ detail: 'Our systems have detected unusual activity from your system. Please try again later.' }), code: 'unusual-activity' },
  { name: '403 empty body', status: 403, body: '', code: 'unusual-activity' },
  { name: '403 empty body on session', status: 403, body: '', context: 'session', code: 'cloudflare-check' },
  { name: '403 arkose', status: 403, body: json({ errorMessage: 'Failed to get arkose token.' }), code: 'human-check-required' },
  { name: '403 turnstile', status: 403, body: json({ detail: { code: 'turnstile_required', message: 'Please verify you are human' } }), code: 'human-check-required' },
  { name: '403 other JSON', status: 403, body: json({ detail: 'You do not have access to this feature.' }), code: 'unknown' },
  { name: '404 conversation_not_found', status: 404, body: json({ detail: { message: 'Conversation not found', code: 'conversation_not_found' } }), context: 'conversation', code: 'conversation-not-found' },
  { name: '400 Conversation key not found', status: 400, body: json({ detail: { message: 'Conversation key not found. Try starting a new conversation.' } }), context: 'conversation', code: 'conversation-not-found' },
  { name: '404 on a sentinel path', status: 404, body: json({ detail: 'Not Found' }), context: 'sentinel', code: 'unknown' },
  { name: '413', status: 413, body: '', code: 'too-long' },
  { name: 'too-long text with 400', status: 400, body: json({ detail: 'The message you submitted was too long, please reload the conversation and submit something shorter.' }), code: 'too-long' },
  { name: '429 one at a time', status: 429, body: json({ detail: 'Only one message at a time. Please allow any other responses to complete before sending another message, or wait one minute.' }), code: 'one-at-a-time' },
  { name: '429 plain', status: 429, body: 'Too Many Requests', headers: { 'content-type': 'text/plain' }, code: 'rate-limited' },
  { name: '400 flagged_by_moderation', status: 400, body: json({ detail: { code: 'flagged_by_moderation', message: 'This content may violate our usage policies.' } }), code: 'moderation' },
  { name: '500 text', status: 500, body: 'Internal Server Error', code: 'server' },
  { name: '502 HTML', status: 502, body: '<html>Bad gateway</html>', headers: HTML_TYPE, code: 'server' },
  { name: '422 pydantic', status: 422, body: json({ detail: [{ loc: ['body'], msg: 'field required', type: 'value_error' }] }), code: 'unknown' },
  { name: 'error.code shape', status: 418, body: json({ error: { code: 'teapot', message: 'short and stout' } }), code: 'unknown' },
]

async function classify(row: Pick<Row, 'status' | 'body' | 'headers' | 'context'>) {
  const response = new Response(row.body ?? '', { status: row.status, headers: row.headers ?? JSON_TYPE })
  return toChatGptError(response, row.context ?? 'conversation', () => NOW)
}

describe('toChatGptError', () => {
  it.each(rows)('$name → $code', async (row) => {
    const error = await classify(row)
    expect(error.code).toBe(row.code)
    expect(error.details.status).toBe(row.status)
  })

  it('keeps the server text but never the HTML page', async () => {
    expect((await classify(rows[0]!)).details.serverMessage).toMatch(/expired/)
    expect((await classify(rows[4]!)).details.serverMessage).toBeUndefined()
  })

  it('sets retryAt from detail.clears_in', async () => {
    const body = json({ detail: { clears_in: 252, code: 'model_cap_exceeded', message: 'You have sent too many messages to the model. Please try again later.' } })
    const error = await classify({ status: 429, body })
    expect(error.code).toBe('rate-limited')
    expect(error.details.retryAt).toBe(NOW + 252_000)
  })

  it('prefers clears_in over Retry-After', async () => {
    const error = await classify({ status: 429, body: json({ detail: { clears_in: 9665 } }), headers: { 'retry-after': '2' } })
    expect(error.details.retryAt).toBe(NOW + 9_665_000)
  })

  it('sets retryAt from Retry-After seconds and HTTP dates', async () => {
    expect((await classify({ status: 429, body: '', headers: { 'retry-after': '2' } })).details.retryAt).toBe(NOW + 2000)
    const date = new Date(NOW + 90_000).toUTCString()
    expect((await classify({ status: 429, body: '', headers: { 'retry-after': date } })).details.retryAt).toBe(NOW + 90_000)
    expect((await classify({ status: 429, body: '', headers: { 'retry-after': 'soon' } })).details.retryAt).toBeUndefined()
  })

  it('reads at most 64 KiB of a huge body', async () => {
    let pulled = 0
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024))
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1
        controller.enqueue(chunk)
      },
    })
    const error = await toChatGptError(new Response(body, { status: 500 }), 'other', () => NOW)
    expect(error.code).toBe('server')
    expect(pulled).toBeLessThanOrEqual(6)
  })

  it('serialises to the cross-context form', async () => {
    const error = await classify({ status: 429, body: json({ detail: { clears_in: 1 } }) })
    expect(error.toJSON()).toMatchObject({ code: 'rate-limited', status: 429, retryAt: NOW + 1000 })
  })
})
