/**
 * Which UI port listens to which thread. A closed popup just drops its subscription: the answer
 * keeps streaming into storage and the next popup gets it from there.
 *
 * Deltas to a port are merged: a fast answer arrives a few characters at a time (about 2 000
 * deltas for 50 KB), and every port message costs the page a task to receive, decode and queue,
 * while the page renders at most about 30 times a second anyway, and less often once the answer
 * is long (src/shared/render-pace.ts). The first delta after a quiet spell goes out at once, so the
 * first words are not held back; later ones go out together, about once per page render
 * (`deltaMergeMs`). Any other event to the port first sends what is held, so the page still sees
 * every event in the order it happened.
 */
import type { Runtime } from '../shared/platform/browser'
import type { BackgroundEvent } from '../shared/messaging/protocol'
import { renderIntervalMs } from '../shared/render-pace'

type Delta = Extract<BackgroundEvent, { type: 'delta' }>

/** How much sooner than the page's next render merged deltas go out, so each render finds new text. */
const AHEAD_OF_RENDER_MS = 6

/** Deltas to one port go out together at most this often: a little under the page's render pace. */
export function deltaMergeMs(chars: number): number {
  return renderIntervalMs(chars) - AHEAD_OF_RENDER_MS
}

/** The merge interval of a short answer (24 ms: under two frames at 60 Hz). */
export const DELTA_MERGE_MS = deltaMergeMs(0)

export interface PortHubOptions {
  /** The merge interval for a job that has sent `chars` characters to the port; 0 sends every delta on its own. */
  mergeMs?: (chars: number) => number
  now?: () => number
  setTimer?: (run: () => void, ms: number) => () => void
}

/** What one port is subscribed to and the deltas held back for it. */
interface Outbox {
  keys: Set<string>
  held: { jobId: string; fromSeq: number; seq: number; parts: string[] } | undefined
  cancelTimer: (() => void) | undefined
  lastDeltaAt: number
  /** Characters of the latest job's deltas sent so far. */
  sent: { jobId: string; chars: number }
}

const defaultTimer = (run: () => void, ms: number) => {
  const timer = setTimeout(run, ms)
  return () => clearTimeout(timer)
}

export function createPortHub({ mergeMs = deltaMergeMs, now = Date.now, setTimer = defaultTimer }: PortHubOptions = {}) {
  const outboxes = new Map<Runtime.Port, Outbox>()

  function send(port: Runtime.Port, event: BackgroundEvent): void {
    try {
      port.postMessage(event)
    } catch {
      // The page went away between the check and the post: forget it.
      remove(port)
    }
  }

  function remove(port: Runtime.Port): void {
    outboxes.get(port)?.cancelTimer?.()
    outboxes.delete(port)
  }

  /** Sends the deltas held for `port` as one. */
  function release(port: Runtime.Port, box: Outbox): void {
    box.cancelTimer?.()
    box.cancelTimer = undefined
    const held = box.held
    if (!held) return
    box.held = undefined
    const merged: Delta = { type: 'delta', jobId: held.jobId, seq: held.seq, appended: held.parts.join('') }
    sendDelta(port, box, held.fromSeq === held.seq ? merged : { ...merged, fromSeq: held.fromSeq })
  }

  function sendDelta(port: Runtime.Port, box: Outbox, delta: Delta): void {
    box.lastDeltaAt = now()
    box.sent = { jobId: delta.jobId, chars: (box.sent.jobId === delta.jobId ? box.sent.chars : 0) + delta.appended.length }
    send(port, delta)
  }

  function post(port: Runtime.Port, event: BackgroundEvent): void {
    const box = outboxes.get(port)
    if (box) release(port, box)
    send(port, event)
  }

  function postDelta(port: Runtime.Port, box: Outbox, delta: Delta): void {
    const held = box.held
    if (held && held.jobId === delta.jobId && delta.seq === held.seq + 1) {
      held.seq = delta.seq
      held.parts.push(delta.appended)
      return
    }
    if (held) release(port, box)
    const wait = box.lastDeltaAt + mergeMs(box.sent.jobId === delta.jobId ? box.sent.chars : 0) - now()
    if (wait <= 0) {
      sendDelta(port, box, delta)
      return
    }
    box.held = { jobId: delta.jobId, fromSeq: delta.seq, seq: delta.seq, parts: [delta.appended] }
    box.cancelTimer = setTimer(() => release(port, box), wait)
  }

  return {
    add(port: Runtime.Port) {
      outboxes.set(port, { keys: new Set(), held: undefined, cancelTimer: undefined, lastDeltaAt: -Infinity, sent: { jobId: '', chars: 0 } })
    },
    remove,
    subscribe(port: Runtime.Port, threadKey: string) {
      outboxes.get(port)?.keys.add(threadKey)
    },
    post,
    broadcast(threadKey: string, event: BackgroundEvent) {
      for (const [port, box] of outboxes) {
        if (!box.keys.has(threadKey)) continue
        if (event.type === 'delta') postDelta(port, box, event)
        else post(port, event)
      }
    },
    listeners(threadKey: string): number {
      let count = 0
      for (const box of outboxes.values()) if (box.keys.has(threadKey)) count += 1
      return count
    },
  }
}

export type PortHub = ReturnType<typeof createPortHub>
