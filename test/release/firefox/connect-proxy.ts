/**
 * An HTTP CONNECT proxy on loopback that tunnels the allowed hosts to one local port: Firefox's
 * stand-in for Chromium's --host-resolver-rules. TLS stays end to end (Firefox ↔ stand-in, with
 * SNI chatgpt.com). Any other host (Firefox's own background services) is refused, so the test
 * never leaves the machine; every CONNECT is recorded.
 */
import { createServer, type Server } from 'node:http'
import { connect, type Socket } from 'node:net'

export interface ConnectProxy {
  port: number
  /** host:port of every CONNECT, in order, allowed or not. */
  requested: string[]
  /** host:port of the CONNECTs that were tunnelled. */
  tunnelled: string[]
  close(): Promise<void>
}

export async function startConnectProxy(targetPort: number, allowHosts: readonly string[]): Promise<ConnectProxy> {
  const requested: string[] = []
  const tunnelled: string[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((_request, response) => response.writeHead(405).end())
  server.on('connect', (request, client: Socket, head: Buffer) => {
    const target = request.url ?? ''
    requested.push(target)
    if (!allowHosts.some((host) => target === `${host}:443`)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n')
      return
    }
    tunnelled.push(target)
    const upstream = connect(targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => (client.destroy(), upstream.destroy()))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('proxy has no port')
  return {
    port: address.port,
    requested,
    tunnelled,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
