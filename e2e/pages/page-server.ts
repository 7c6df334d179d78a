/**
 * Serves the test pages in this folder on http://127.0.0.1:<random port>: the ordinary web pages
 * a user selects text on (the stand-in serves only chatgpt.com). Loopback only, static files.
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'

export interface PageServer {
  origin: string
  /** Absolute URL of a page in this folder, e.g. url('article.html?text=hi'). */
  url(path: string): string
  close(): Promise<void>
}

const PAGE = /^\/([\w-]+\.html)$/

export async function startPageServer(): Promise<PageServer> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
    const match = PAGE.exec(path)
    let body: Buffer | undefined
    try {
      body = match ? readFileSync(join(import.meta.dirname, match[1]!)) : undefined
    } catch {
      body = undefined
    }
    if (!body) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    url: (path) => `${origin}/${path.replace(/^\//, '')}`,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
