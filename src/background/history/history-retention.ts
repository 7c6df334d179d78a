/**
 * The retention limit: keep the newest `maxThreads` threads, and none unused for more than
 * `maxAgeDays`. A thread with an answer still in flight is never pruned. Pure.
 */
import type { HistoryEntry } from '../../shared/messaging/protocol'

export interface RetentionLimit {
  maxThreads: number
  maxAgeDays: number
}

const DAY_MS = 24 * 60 * 60 * 1000

/** Thread keys to delete, given each thread's entry and whether it is busy. */
export function threadsToPrune(
  entries: readonly { entry: HistoryEntry; busy: boolean }[],
  limit: RetentionLimit,
  now: number,
): string[] {
  const oldest = now - limit.maxAgeDays * DAY_MS
  const newestFirst = [...entries].sort((a, b) => b.entry.updatedAt - a.entry.updatedAt)
  return newestFirst
    .filter(({ entry, busy }, rank) => !busy && (rank >= limit.maxThreads || entry.updatedAt < oldest))
    .map(({ entry }) => entry.threadKey)
}
