/**
 * Two plain-http servers on 127.0.0.1 for the security suites:
 * - the "attacker": every URL the payloads point at; it counts each hit (with its headers), so a
 *   zero-click leak shows as a hit even if the browser's own log missed it;
 * - a "web page" host serving ordinary pages, for the detector self-test and for forged senders.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Hit {
  method: string
  url: string
  headers: IncomingHttpHeaders
}

export interface LoopbackServer {
  origin: string
  hits: Hit[]
  close(): Promise<void>
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

function closer(server: Server) {
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
}

/** Answers every request with a 1×1 GIF-sized body and records it. */
export async function startAttacker(): Promise<LoopbackServer> {
  const hits: Hit[] = []
  const server = createServer((req, res) => {
    hits.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers })
    res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' })
    res.end('gotcha')
  })
  return { origin: await listen(server), hits, close: closer(server) }
}

/** Serves `pages[path]` as HTML (no CSP), 404 otherwise. */
export async function startWebPages(pages: Record<string, string>): Promise<LoopbackServer> {
  const hits: Hit[] = []
  const server = createServer((req, res) => {
    hits.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers })
    const body = pages[new URL(req.url ?? '/', 'http://x').pathname]
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(body ?? 'not found')
  })
  return { origin: await listen(server), hits, close: closer(server) }
}
