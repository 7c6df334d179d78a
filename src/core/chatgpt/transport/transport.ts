/**
 * How one HTTP request to chatgpt.com is performed (protocol.md §12.1). The client builds the
 * same requests whichever way they travel; only the carrier differs:
 * - `direct`: the service worker's own `fetch` (the default, cheapest),
 * - `relay`: a chatgpt.com tab performs the request same-origin with the page's cookies and streams
 *   status, headers and body back, so the client decodes a rebuilt `Response` exactly as before.
 * Nothing is forged either way: no header rewriting, no replayed page state.
 */

/** `fetch`'s shape, so every layer that takes a fetch takes a transport: a streaming `Response`. */
export type Transport = typeof globalThis.fetch

export type TransportKind = 'direct' | 'relay'

/** The refusals of the direct path that send a request through the relay instead. */
export type RelayReason = 'unusual-activity' | 'cloudflare-check'

/** Told to the UI while a job's requests go through a chatgpt.com tab, and why. */
export interface TransportUse {
  via: 'relay'
  reason: RelayReason
}
