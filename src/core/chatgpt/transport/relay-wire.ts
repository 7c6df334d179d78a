/**
 * The messages between the worker and the relay function in a chatgpt.com tab, one port per
 * request. The worker sends one `request`; the tab answers `head`, then `chunk`s, then `end` or
 * `error`. Everything arriving from the tab is checked here before it is believed: a page can be
 * compromised, and a port message is only JSON.
 *
 * The access token never crosses this wire: the worker drops `Authorization` and sets `authorize`,
 * and the tab attaches the page's own session token, which that origin already holds.
 */
import { CHATGPT_HOST } from '../http/endpoints'

export interface RelayRequest {
  type: 'request'
  url: string
  method: string
  headers: Array<[string, string]>
  body?: string
  /** Attach the page's own bearer token (the request had an `Authorization` header). */
  authorize: boolean
}

export type RelayReply =
  | { type: 'head'; status: number; statusText: string; headers: Array<[string, string]> }
  | { type: 'chunk'; data: string }
  | { type: 'end' }
  | { type: 'error'; name: string; message: string }

/** The response headers the client reads (classification); nothing else comes back. */
export const RELAY_RESPONSE_HEADERS: readonly string[] = ['content-type', 'cf-mitigated', 'retry-after']

/** Upper bound of one chunk message (base64 characters): the tab sends at most 64 KiB per chunk. */
export const MAX_CHUNK_CHARS = 4 * Math.ceil((64 * 1024) / 3)

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/
const HEADER_VALUE = /^[\t\x20-\x7e]{0,1024}$/
const STATUS_TEXT = /^[\t\x20-\x7e]{0,256}$/

/**
 * The wire form of a client request. Throws a `TypeError` (a network failure to the caller) for
 * anything the relay does not carry: another origin, a non-string body.
 */
export function toRelayRequest(url: string, init: RequestInit): RelayRequest {
  if (new URL(url).origin !== CHATGPT_HOST) throw new TypeError(`The chatgpt.com relay carries only ${CHATGPT_HOST} requests.`)
  if (init.body !== undefined && init.body !== null && typeof init.body !== 'string') {
    throw new TypeError('The chatgpt.com relay carries only text bodies.')
  }
  const headers: Array<[string, string]> = []
  let authorize = false
  new Headers(init.headers).forEach((value, name) => {
    if (name === 'authorization') authorize = true
    else headers.push([name, value])
  })
  return {
    type: 'request',
    url,
    method: (init.method ?? 'GET').toUpperCase(),
    headers,
    ...(typeof init.body === 'string' ? { body: init.body } : {}),
    authorize,
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const isString = (value: unknown): value is string => typeof value === 'string'

function allowedHeaders(value: unknown): Array<[string, string]> | undefined {
  if (!Array.isArray(value) || value.length > 16) return undefined
  const headers: Array<[string, string]> = []
  for (const pair of value) {
    if (!Array.isArray(pair) || pair.length !== 2 || !isString(pair[0]) || !isString(pair[1])) return undefined
    const name = pair[0].toLowerCase()
    // Unknown names are dropped, not fatal: the tab's filter and ours may differ by a version.
    if (RELAY_RESPONSE_HEADERS.includes(name) && HEADER_VALUE.test(pair[1])) headers.push([name, pair[1]])
  }
  return headers
}

/** A checked reply from the tab, or `undefined` for anything malformed. */
export function parseRelayReply(message: unknown): RelayReply | undefined {
  if (!isObject(message)) return undefined
  switch (message.type) {
    case 'head': {
      const { status, statusText } = message
      const headers = allowedHeaders(message.headers)
      if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) return undefined
      if (!isString(statusText) || !STATUS_TEXT.test(statusText) || !headers) return undefined
      return { type: 'head', status, statusText, headers }
    }
    case 'chunk':
      return isString(message.data) && message.data.length <= MAX_CHUNK_CHARS && message.data.length % 4 === 0 && BASE64.test(message.data)
        ? { type: 'chunk', data: message.data }
        : undefined
    case 'end':
      return { type: 'end' }
    case 'error':
      return {
        type: 'error',
        name: isString(message.name) ? message.name.slice(0, 64) : 'Error',
        message: isString(message.message) ? message.message.slice(0, 300) : '',
      }
    default:
      return undefined
  }
}

/** Bytes of a checked base64 chunk. */
export function decodeChunk(data: string): Uint8Array {
  const binary = atob(data)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i)
  return bytes
}
