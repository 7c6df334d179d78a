/**
 * Timestamps on the stand-in's side, without changing it: the bench wraps `push` on its request
 * log (a stable array) to note when each request was logged, and watches each conversation
 * POST's `bytesWritten`, which the stand-in updates right after every write to the socket. The
 * first write after which the streamed assistant message has text is the first answer byte.
 */
import type { RequestLogEntry, StandIn } from '../../test/chatgpt-stand-in/index'
import { nodeNow } from './clock'

const SEND_PATH = /^\/backend-api\/(?:f\/)?conversation$/

export interface StandInClock {
  /** When the entry with this id was logged (Node epoch ms). */
  loggedAt(id: number): number | undefined
  /** When the first answer byte of this send was written (Node epoch ms), once it was. */
  firstAnswerWriteAt(id: number): number | undefined
  detach(): void
}

/** The streamed assistant message's text so far, in the conversation being streamed. */
function streamingAnswerLength(standIn: StandIn): number {
  let longest = 0
  for (const conversation of standIn.conversations()) {
    if (!conversation.streaming) continue
    const node = conversation.mapping[conversation.currentNode]
    const parts = node?.message?.content.parts
    if (Array.isArray(parts) && typeof parts[0] === 'string') longest = Math.max(longest, parts[0].length)
  }
  return longest
}

export function attachStandInClock(standIn: StandIn): StandInClock {
  const logged = new Map<number, number>()
  const firstAnswer = new Map<number, number>()
  const log = standIn.log
  const originalPush = log.push
  const watch = (entry: RequestLogEntry) => {
    let bytes = entry.bytesWritten
    Object.defineProperty(entry, 'bytesWritten', {
      configurable: true,
      enumerable: true,
      get: () => bytes,
      set: (value: number) => {
        bytes = value
        if (firstAnswer.has(entry.id)) return
        const at = nodeNow()
        // The stand-in stores the text it has sent right after reporting the bytes.
        queueMicrotask(() => {
          if (!firstAnswer.has(entry.id) && streamingAnswerLength(standIn) > 0) firstAnswer.set(entry.id, at)
        })
      },
    })
  }
  log.push = function push(this: RequestLogEntry[], ...entries: RequestLogEntry[]) {
    const at = nodeNow()
    for (const entry of entries) {
      logged.set(entry.id, at)
      if (entry.method === 'POST' && SEND_PATH.test(entry.path)) watch(entry)
    }
    return originalPush.apply(this, entries)
  }
  return {
    loggedAt: (id) => logged.get(id),
    firstAnswerWriteAt: (id) => firstAnswer.get(id),
    detach: () => {
      log.push = originalPush
    },
  }
}
