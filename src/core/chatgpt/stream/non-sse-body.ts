import { ChatGptError } from '../chatgpt-error'
import { isRecord } from './apply-delta-op'
import { toStreamError } from './classify-stream-error'

/**
 * True when the first non-blank character of a body rules out `text/event-stream`: SSE lines
 * start with a field name, `:` or a blank line, never with JSON or markup.
 */
export function startsNonSseBody(firstChar: string): boolean {
  return firstChar === '{' || firstChar === '[' || firstChar === '<'
}

/**
 * The error for a 200 body that is not an event stream: the 2024 WebSocket mode's
 * `{conversation_id, websocket_request_id, wss_url}` (protocol.md §7.5), a JSON error, or HTML.
 * `text` may be a prefix of the body.
 */
export function nonSseBodyError(text: string): ChatGptError {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return new ChatGptError('unknown', 'ChatGPT did not stream the answer: the response was not an event stream.')
  }
  if (isRecord(body)) {
    if ('wss_url' in body || 'websocket_request_id' in body) {
      return new ChatGptError('unknown', 'ChatGPT did not stream the answer over HTTP (it asked for its WebSocket mode).')
    }
    const error = body.detail ?? body.error
    if (error !== undefined && error !== null) return toStreamError(error, body.code)
  }
  return new ChatGptError('unknown', 'ChatGPT did not stream the answer: it sent a JSON document instead.')
}

// Leading blank text held while deciding; a body of nothing but blank lines is let through.
const HOLD_LIMIT = 1 << 16

/**
 * Routes decoded text to the SSE parser once the first non-blank character shows it is an event
 * stream; otherwise holds the text (up to the caller's cap) so {@link nonSseBodyError} can say
 * what came instead. Leading blank text is held until the decision, then passed on unchanged.
 */
export function createBodySniffer(feedSse: (text: string) => void) {
  let kind: 'undecided' | 'sse' | 'non-sse' = 'undecided'
  let held = ''
  return {
    push(text: string): void {
      if (kind === 'sse') return feedSse(text)
      held += text
      if (kind === 'non-sse') return
      const first = held.search(/\S/)
      // Blank lines are valid SSE; past the cap, stop holding them (memory stays bounded).
      if (first === -1 && held.length < HOLD_LIMIT) return
      if (first !== -1 && startsNonSseBody(held.charAt(first))) {
        kind = 'non-sse'
        return
      }
      kind = 'sse'
      const start = held
      held = ''
      feedSse(start)
    },
    get kind() {
      return kind
    },
    /** The held text of a non-SSE body (empty once the body is known to be SSE). */
    get held() {
      return held
    },
  }
}
