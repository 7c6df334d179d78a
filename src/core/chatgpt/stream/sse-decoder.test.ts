import { describe, expect, it } from 'vitest'
import { ChatGptError } from '../chatgpt-error'
import { createSseDecoder, MAX_EVENT_CHARS } from './sse-decoder'
import type { SseEvent } from './sse-decoder'

const encoder = new TextEncoder()

function decode(...chunks: Array<string | Uint8Array>): SseEvent[] {
  const decoder = createSseDecoder()
  const events: SseEvent[] = []
  for (const chunk of chunks) events.push(...decoder.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk))
  return [...events, ...decoder.end()]
}

function thrown(fn: () => unknown): ChatGptError {
  try {
    fn()
  } catch (error) {
    if (error instanceof ChatGptError) return error
    throw error
  }
  throw new Error('expected a ChatGptError')
}

const BODY = 'event: delta_encoding\ndata: "v1"\n\n: ping - 2025-03-12\n\nevent: delta\ndata: {"v":"中文"}   \n\ndata: [DONE]\n\n'
const EVENTS = [
  { event: 'delta_encoding', data: '"v1"' },
  { event: 'delta', data: '{"v":"中文"}   ' },
  { event: undefined, data: '[DONE]' },
]

describe('createSseDecoder', () => {
  it('decodes LF, CRLF and CR-only framing to the same events', () => {
    expect(decode(BODY)).toEqual(EVENTS)
    expect(decode(BODY.replaceAll('\n', '\r\n'))).toEqual(EVENTS)
    expect(decode(BODY.replaceAll('\n', '\r'))).toEqual(EVENTS)
  })

  it('handles a CR/LF pair split across reads and a CR-only stream split after every CR', () => {
    const crlf = BODY.replaceAll('\n', '\r\n')
    for (let i = crlf.indexOf('\r'); i !== -1; i = crlf.indexOf('\r', i + 1)) expect(decode(crlf.slice(0, i + 1), crlf.slice(i + 1))).toEqual(EVENTS)
    const cr = BODY.replaceAll('\n', '\r')
    for (let i = cr.indexOf('\r'); i !== -1; i = cr.indexOf('\r', i + 1)) expect(decode(cr.slice(0, i + 1), cr.slice(i + 1))).toEqual(EVENTS)
  })

  it('drops a leading BOM and ignores comments', () => {
    expect(decode(new Uint8Array([0xef, 0xbb, 0xbf]), BODY)).toEqual(EVENTS)
    expect(decode(new Uint8Array([0xef]), new Uint8Array([0xbb, 0xbf]), BODY)).toEqual(EVENTS)
  })

  it('discards an event whose closing blank line never came (truncation)', () => {
    expect(decode('data: {"v":"a"}\n\ndata: [DONE]\n')).toEqual([{ event: undefined, data: '{"v":"a"}' }])
    expect(decode('data: {"v":"a"}\n\ndata: {"v":"trunc')).toHaveLength(1)
  })

  it('survives unknown fields and a mid-stream BOM line', () => {
    expect(decode('retry: soon\nfoo: bar\n\ufeffdata: x\n\ndata: {"v":1}\n\n')).toEqual([{ event: undefined, data: '{"v":1}' }])
  })

  it('stops with `interrupted` on an event over the size cap (F11)', () => {
    const decoder = createSseDecoder()
    decoder.push(encoder.encode('data: '))
    const chunk = encoder.encode('x'.repeat(64 * 1024))
    const error = thrown(() => {
      for (let sent = 0; sent <= MAX_EVENT_CHARS + chunk.length; sent += chunk.length) decoder.push(chunk)
    })
    expect(error.code).toBe('interrupted')
  })

  it('recognises a JSON body (2024 WebSocket mode) as "not streamed"', () => {
    const error = thrown(() => decode('{"conversation_id":"c","websocket_request_id":"w","response_id":"r","wss_url":"wss://example/x"}'))
    expect(error.code).toBe('unknown')
    expect(error.message).toMatch(/WebSocket/)
  })

  it('classifies a JSON error body and reports HTML as not a stream', () => {
    expect(thrown(() => decode('  \n{"detail":"Unusual activity has been detected from your device. Try again later."}')).code).toBe('unusual-activity')
    expect(thrown(() => decode('<!DOCTYPE html><title>Just a moment...</title>')).code).toBe('unknown')
  })

  it('gives no events for an empty or blank body', () => {
    expect(decode('')).toEqual([])
    expect(decode('\n\n  ')).toEqual([])
  })
})
