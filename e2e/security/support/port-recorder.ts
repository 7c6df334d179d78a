/**
 * Records every message an extension page exchanges with the worker: an init script wraps
 * `chrome.runtime.connect` (ports, both directions) and `chrome.runtime.sendMessage` (requests and
 * replies) before the page's own scripts, and the polyfill, take a reference to them. Each message
 * is reported to the test at once (a binding), so pages that close keep their record.
 */
import type { BrowserContext } from 'playwright-core'

export interface PortTraffic {
  direction: 'in' | 'out'
  channel: string
  message: unknown
}

function installRecorder(): void {
  const w = window as unknown as { __portRecorder?: boolean; __reportTraffic?: (entry: PortTraffic) => void; chrome?: typeof chrome }
  const runtime = w.chrome?.runtime
  if (w.__portRecorder || !runtime?.connect) return
  w.__portRecorder = true
  const traffic = { push: (entry: PortTraffic) => void w.__reportTraffic?.(entry) }
  const copy = (message: unknown) => {
    try {
      return JSON.parse(JSON.stringify(message)) as unknown
    } catch {
      return String(message)
    }
  }
  const connect = runtime.connect.bind(runtime) as (...args: unknown[]) => chrome.runtime.Port
  runtime.connect = ((...args: unknown[]) => {
    const port = connect(...args)
    const channel = `port:${port.name}`
    port.onMessage.addListener((message: unknown) => void traffic.push({ direction: 'in', channel, message: copy(message) }))
    const post = port.postMessage.bind(port)
    port.postMessage = (message: unknown) => {
      traffic.push({ direction: 'out', channel, message: copy(message) })
      post(message)
    }
    return port
  }) as typeof runtime.connect
  const send = runtime.sendMessage.bind(runtime) as (...args: unknown[]) => unknown
  runtime.sendMessage = ((...args: unknown[]) => {
    traffic.push({ direction: 'out', channel: 'sendMessage', message: copy(args) })
    const last = args.at(-1)
    if (typeof last === 'function') {
      args[args.length - 1] = (reply: unknown) => {
        traffic.push({ direction: 'in', channel: 'sendMessage', message: copy(reply) })
        ;(last as (reply: unknown) => void)(reply)
      }
      return send(...args)
    }
    const result = send(...args) as Promise<unknown> | undefined
    void result?.then?.((reply) => traffic.push({ direction: 'in', channel: 'sendMessage', message: copy(reply) }))
    return result
  }) as typeof runtime.sendMessage
}

/** Starts recording in every page of `context` opened from now on; the array fills as they talk. */
export async function recordPortTraffic(context: BrowserContext): Promise<PortTraffic[]> {
  const traffic: PortTraffic[] = []
  await context.exposeBinding('__reportTraffic', (source, entry: PortTraffic) => {
    traffic.push({ ...entry, channel: `${entry.channel} @ ${source.page?.url() ?? '?'}` })
  })
  await context.addInitScript(installRecorder)
  return traffic
}
