/**
 * The `relay` transport: one channel (a port to a chatgpt.com tab) per request. The tab performs
 * the request same-origin and streams back status, the allowed headers and the body; this side
 * rebuilds a streaming `Response`, so the decoder sees the same bytes in the same order as from a
 * direct fetch. Failures look like fetch's own: a `TypeError` for a broken carrier, an
 * `AbortError` when the caller's signal fires (and the abort travels to the tab's fetch).
 */
import { decodeChunk, parseRelayReply, toRelayRequest, type RelayRequest } from './relay-wire'
import type { Transport } from './transport'

/** A message channel to the relay function in one chatgpt.com tab (a runtime port). */
export interface RelayChannel {
  post(message: RelayRequest): void
  onMessage(listener: (message: unknown) => void): void
  /** The other side went away (tab closed, navigated, crashed). */
  onClose(listener: () => void): void
  /** Ends the request; the tab aborts its fetch. */
  close(): void
}

export interface TabRelayDeps {
  /**
   * A fresh channel to a chatgpt.com tab. Rejects with `ChatGptError('relay-unavailable')` when
   * there is no tab to use, which the caller shows as is.
   */
  openChannel(signal?: AbortSignal): Promise<RelayChannel>
}

// Statuses whose Response must have a null body (the constructor throws otherwise).
const NULL_BODY = new Set([204, 205, 304])

const abortError = () => new DOMException('The relayed request was aborted.', 'AbortError')

export function createTabRelayTransport(deps: TabRelayDeps): Transport {
  return async (input, init = {}) => {
    if (typeof input !== 'string' && !(input instanceof URL)) throw new TypeError('The chatgpt.com relay takes a URL, not a Request.')
    const request = toRelayRequest(String(input), init)
    const signal = init.signal ?? undefined
    if (signal?.aborted) throw abortError()
    const channel = await deps.openChannel(signal)
    if (signal?.aborted) {
      channel.close()
      throw abortError()
    }
    return new Promise<Response>((resolve, reject) => {
      let body: ReadableStreamDefaultController<Uint8Array> | undefined
      let settled = false

      const settle = () => {
        settled = true
        signal?.removeEventListener('abort', onAbort)
        channel.close()
      }
      const fail = (error: unknown) => {
        if (settled) return
        settle()
        if (body) body.error(error)
        else reject(error)
      }
      const onAbort = () => fail(abortError())
      const broken = (why: string) => fail(new TypeError(`chatgpt.com relay: ${why}`))

      signal?.addEventListener('abort', onAbort, { once: true })
      channel.onClose(() => broken('the tab went away'))
      channel.onMessage((raw) => {
        if (settled) return
        const reply = parseRelayReply(raw)
        if (!reply) return broken('malformed message from the tab')
        switch (reply.type) {
          case 'head': {
            if (body) return broken('a second response head')
            const stream = new ReadableStream<Uint8Array>({
              start(controller) {
                body = controller
              },
              // The reader stopped early (bounded error read, decoder done): stop the tab too.
              cancel: () => {
                if (!settled) settle()
              },
            })
            const { status, statusText, headers } = reply
            resolve(new Response(NULL_BODY.has(status) ? null : stream, { status, statusText, headers }))
            return
          }
          case 'chunk':
            if (!body) return broken('body bytes before the response head')
            body.enqueue(decodeChunk(reply.data))
            return
          case 'end':
            if (!body) return broken('end before the response head')
            settle()
            body.close()
            return
          case 'error':
            return reply.name === 'AbortError' ? fail(abortError()) : broken(reply.message || reply.name)
        }
      })
      channel.post(request)
    })
  }
}
