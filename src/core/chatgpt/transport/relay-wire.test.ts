import { describe, expect, it } from 'vitest'
import { decodeChunk, MAX_CHUNK_CHARS, parseRelayReply, toRelayRequest } from './relay-wire'

describe('toRelayRequest', () => {
  it('drops Authorization and asks the tab to authorize instead', () => {
    const request = toRelayRequest('https://chatgpt.com/backend-api/me', {
      method: 'post',
      headers: { Authorization: 'Bearer eyJ.secret.x', 'Oai-Language': 'en-US' },
      body: '{}',
    })
    expect(request).toEqual({
      type: 'request',
      url: 'https://chatgpt.com/backend-api/me',
      method: 'POST',
      headers: [['oai-language', 'en-US']],
      body: '{}',
      authorize: true,
    })
    expect(JSON.stringify(request)).not.toContain('secret')
  })

  it('sends no authorize flag for unauthorised requests and no body for GETs', () => {
    expect(toRelayRequest('https://chatgpt.com/api/auth/session', {})).toEqual({
      type: 'request',
      url: 'https://chatgpt.com/api/auth/session',
      method: 'GET',
      headers: [],
      authorize: false,
    })
  })

  it('carries only chatgpt.com requests with text bodies', () => {
    expect(() => toRelayRequest('https://chat.openai.com/api/auth/session', {})).toThrow(TypeError)
    expect(() => toRelayRequest('https://evil.example/x', {})).toThrow(TypeError)
    expect(() => toRelayRequest('https://chatgpt.com/x', { method: 'POST', body: new Uint8Array([1]) })).toThrow(TypeError)
  })
})

describe('parseRelayReply', () => {
  it('accepts a head with the allowed headers only', () => {
    expect(
      parseRelayReply({
        type: 'head',
        status: 403,
        statusText: 'Forbidden',
        headers: [['Content-Type', 'text/html'], ['cf-mitigated', 'challenge'], ['set-cookie', 'x=1'], ['x-secret', 'y']],
      }),
    ).toEqual({ type: 'head', status: 403, statusText: 'Forbidden', headers: [['content-type', 'text/html'], ['cf-mitigated', 'challenge']] })
  })

  it.each([
    ['no type', {}],
    ['unknown type', { type: 'exec' }],
    ['status out of range', { type: 'head', status: 0, statusText: '', headers: [] }],
    ['fractional status', { type: 'head', status: 200.5, statusText: '', headers: [] }],
    ['header injection in statusText', { type: 'head', status: 200, statusText: 'OK\r\nX: y', headers: [] }],
    ['headers not pairs', { type: 'head', status: 200, statusText: 'OK', headers: [['content-type']] }],
    ['chunk not base64', { type: 'chunk', data: 'not base64!' }],
    ['chunk with bad length', { type: 'chunk', data: 'abc' }],
    ['chunk too large', { type: 'chunk', data: 'A'.repeat(MAX_CHUNK_CHARS + 4) }],
    ['not an object', 'end'],
    ['an array', [{ type: 'end' }]],
  ])('rejects %s', (_, message) => {
    expect(parseRelayReply(message)).toBeUndefined()
  })

  it('drops a header value with CR/LF instead of passing it on', () => {
    expect(parseRelayReply({ type: 'head', status: 200, statusText: 'OK', headers: [['content-type', 'a\r\nb']] })).toEqual({
      type: 'head',
      status: 200,
      statusText: 'OK',
      headers: [],
    })
  })

  it('bounds error texts and keeps end as is', () => {
    expect(parseRelayReply({ type: 'end', extra: 1 })).toEqual({ type: 'end' })
    const error = parseRelayReply({ type: 'error', name: 'TypeError', message: 'x'.repeat(1000) })
    expect(error).toEqual({ type: 'error', name: 'TypeError', message: 'x'.repeat(300) })
  })
})

describe('decodeChunk', () => {
  it('returns the exact bytes, including split UTF-8 sequences', () => {
    const bytes = new TextEncoder().encode('答🙂').subarray(0, 5)
    expect([...decodeChunk(Buffer.from(bytes).toString('base64'))]).toEqual([...bytes])
    expect(decodeChunk('').length).toBe(0)
  })
})
