/**
 * A minimal WebDriver BiDi client over undici's WebSocket: commands with ids and a bounded wait
 * for each answer, events kept in order. Enough to drive Firefox, which Playwright cannot drive
 * without its own patched build.
 */
import { WebSocket } from 'undici'

export interface BidiEvent {
  method: string
  params: Record<string, unknown>
}

export class BidiError extends Error {}

export interface Bidi {
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>, timeoutMs?: number): Promise<T>
  readonly events: BidiEvent[]
  close(): void
}

export async function connectBidi(url: string, timeoutMs = 10_000): Promise<Bidi> {
  const socket = new WebSocket(url)
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new BidiError(`no WebDriver BiDi connection to ${url} in ${timeoutMs} ms`)), timeoutMs)
    socket.addEventListener('open', () => (clearTimeout(timer), resolve()))
    socket.addEventListener('error', () => (clearTimeout(timer), reject(new BidiError(`WebDriver BiDi connection to ${url} failed`))))
  })
  let nextId = 0
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  const events: BidiEvent[] = []
  socket.addEventListener('message', (message) => {
    const data = JSON.parse(String(message.data)) as { id?: number; type: string; result?: unknown; error?: string; message?: string; method?: string; params?: Record<string, unknown> }
    if (data.type === 'event' && data.method) {
      events.push({ method: data.method, params: data.params ?? {} })
      return
    }
    const waiter = data.id === undefined ? undefined : pending.get(data.id)
    if (!waiter || data.id === undefined) return
    pending.delete(data.id)
    if (data.type === 'success') waiter.resolve(data.result)
    else waiter.reject(new BidiError(`${data.error ?? 'error'}: ${data.message ?? ''}`))
  })
  socket.addEventListener('close', () => {
    for (const waiter of pending.values()) waiter.reject(new BidiError('WebDriver BiDi connection closed'))
    pending.clear()
  })
  return {
    events,
    send<T>(method: string, params: Record<string, unknown> = {}, sendTimeoutMs = 30_000) {
      const id = ++nextId
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id)
          reject(new BidiError(`${method}: no answer in ${sendTimeoutMs} ms`))
        }, sendTimeoutMs)
        pending.set(id, {
          resolve: (value) => (clearTimeout(timer), resolve(value as T)),
          reject: (error) => (clearTimeout(timer), reject(error)),
        })
        socket.send(JSON.stringify({ id, method, params }))
      })
    },
    close: () => socket.close(),
  }
}
