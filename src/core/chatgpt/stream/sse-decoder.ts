import { createParser } from 'eventsource-parser'
import { ChatGptError } from '../chatgpt-error'
import { createBodySniffer, nonSseBodyError } from './non-sse-body'

/** One SSE event as eventsource-parser delivers it. */
export interface SseEvent {
  event?: string | undefined
  data: string
}

/** Largest event (or unterminated line) accepted, in UTF-16 units: bounds memory (F11). */
export const MAX_EVENT_CHARS = 1 << 20

// A non-SSE body is buffered only to say what it was; 64 KiB covers every JSON error shape.
const MAX_NON_SSE_CHARS = 1 << 16

/**
 * The synchronous byte → event core of the decoder: one persistent streaming UTF-8 decoder (a
 * character split across reads is reassembled, never replaced with U+FFFD; it is flushed at the
 * end; one leading BOM is dropped), then eventsource-parser (F8). Synchronous so the
 * every-split-offset tests run this exact code without stream machinery.
 */
export function createSseDecoder() {
  // The platform's streaming decoder: a character split across reads is held until complete, a
  // leading BOM is dropped (ignoreBOM: false), and decode() without `stream` flushes at the end.
  const textDecoder = new TextDecoder('utf-8')
  let events: SseEvent[] = []
  let oversized = false
  let endsWithCr = false
  // createParser rather than EventSourceParserStream with onError:'terminate': that would also
  // end the stream on a harmless unknown field or a mid-stream BOM line (F9). Only the size cap
  // is fatal.
  const parser = createParser({
    maxBufferSize: MAX_EVENT_CHARS,
    onEvent: (event) => void events.push({ event: event.event, data: event.data }),
    onError: (error) => {
      if (error.type === 'max-buffer-size-exceeded') oversized = true
    },
  })
  const sniffer = createBodySniffer((text) => parser.feed(text))

  function feedText(text: string): void {
    if (text === '') return
    sniffer.push(text)
    endsWithCr = text.endsWith('\r')
    if (oversized) throw new ChatGptError('interrupted', 'The answer stream sent an event larger than 1 MiB; reading stopped.')
    if (sniffer.kind === 'non-sse' && sniffer.held.length >= MAX_NON_SSE_CHARS) throw nonSseBodyError(sniffer.held)
  }

  function take(): SseEvent[] {
    const taken = events
    events = []
    return taken
  }

  return {
    /**
     * Decodes one network read and returns the events it completed (often none). Throws
     * `ChatGptError` for an event over {@link MAX_EVENT_CHARS} or a body that is not SSE.
     */
    push(bytes: Uint8Array): SseEvent[] {
      feedText(textDecoder.decode(bytes, { stream: true }))
      return take()
    },
    /**
     * End of body: flushes the text decoder and returns the last events. An event without its
     * closing blank line is discarded, as the SSE spec says, so a truncated frame never applies.
     */
    end(): SseEvent[] {
      feedText(textDecoder.decode())
      // An empty or blank body falls through: no events, so the answer is simply interrupted.
      if (sniffer.kind === 'non-sse') throw nonSseBodyError(sniffer.held)
      // The parser holds a trailing CR in case an LF follows; at EOF none will, so a CR-only
      // stream's final blank line still closes its last event.
      if (endsWithCr) parser.feed('\n')
      // Consuming the partial last line only lets the parser report it; it is never dispatched.
      parser.reset({ consume: true })
      return take()
    },
  }
}

export type SseDecoder = ReturnType<typeof createSseDecoder>
