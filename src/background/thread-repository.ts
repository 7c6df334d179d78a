/**
 * Threads and their jobs in `storage.local` (keys `thread:<threadKey>`), so a conversation and its
 * answers outlive the popup, the worker and a browser restart. The worker is the only writer.
 */
import { createThread, type ThreadState } from '../core/conversations/thread'
import type { TurnPlan } from '../core/conversations/thread'
import type { JobSnapshot, Surface, ThreadView } from '../shared/messaging/protocol'
import type { PrivacyMode } from '../shared/settings'
import type { KeyValueArea } from './storage-areas'

export interface ThreadRecord {
  state: ThreadState
  surface: Surface
  jobs: JobSnapshot[]
  /** What was (or will be) sent for each job: user message id and parent, kept for recovery. */
  plans: Record<string, TurnPlan>
  /** The privacy mode the conversation was started under (history/ reads it; absent before schema 2). */
  privacy?: PrivacyMode
}

const MAX_JOBS_PER_THREAD = 100
export const THREAD_PREFIX = 'thread:'
const key = (threadKey: string) => `${THREAD_PREFIX}${threadKey}`

export function createThreadRepository(area: KeyValueArea) {
  // One in-memory copy per thread, so concurrent updates within the worker never race each other.
  const cache = new Map<string, ThreadRecord>()
  // Deleted by the user: a job still finishing on one of these must not write it back.
  const removed = new WeakSet<ThreadRecord>()

  async function load(threadKey: string): Promise<ThreadRecord | undefined> {
    const cached = cache.get(threadKey)
    if (cached) return cached
    const stored = await area.get<ThreadRecord>(key(threadKey))
    if (stored) cache.set(threadKey, stored)
    return stored
  }

  async function save(record: ThreadRecord): Promise<void> {
    if (removed.has(record)) return
    if (record.jobs.length > MAX_JOBS_PER_THREAD) {
      const dropped = record.jobs.splice(0, record.jobs.length - MAX_JOBS_PER_THREAD)
      for (const job of dropped) delete record.plans[job.jobId]
    }
    cache.set(record.state.threadKey, record)
    await area.set(key(record.state.threadKey), record)
  }

  return {
    load,
    save,
    async open(threadKey: string, surface: Surface, temporary: boolean, privacy?: PrivacyMode): Promise<ThreadRecord> {
      const existing = await load(threadKey)
      if (existing) return existing
      const mode = privacy ?? (temporary ? 'temporary' : undefined)
      const record: ThreadRecord = { state: createThread(threadKey, temporary), surface, jobs: [], plans: {}, ...(mode ? { privacy: mode } : {}) }
      await save(record)
      return record
    },
    /** Every stored thread, the in-memory copy where one is newer than storage. */
    async all(): Promise<ThreadRecord[]> {
      const stored = await area.getAll(THREAD_PREFIX)
      return Object.values(stored).map((value) => {
        const record = value as ThreadRecord
        return cache.get(record.state.threadKey) ?? record
      })
    },
    /**
     * Moves a thread to another key, in place: a job still streaming into this object keeps
     * writing to it under the new key (New chat files the old conversation into history).
     */
    async rekey(record: ThreadRecord, newKey: string): Promise<void> {
      const oldKey = record.state.threadKey
      record.state = { ...record.state, threadKey: newKey }
      for (const job of record.jobs) job.threadKey = newKey
      cache.delete(oldKey)
      await area.remove(key(oldKey))
      await save(record)
    },
    async remove(threadKey: string): Promise<void> {
      const cached = cache.get(threadKey)
      if (cached) removed.add(cached)
      cache.delete(threadKey)
      await area.remove(key(threadKey))
    },
    async findJob(jobId: string): Promise<{ record: ThreadRecord; job: JobSnapshot } | undefined> {
      for (const record of cache.values()) {
        const job = record.jobs.find((j) => j.jobId === jobId)
        if (job) return { record, job }
      }
      const all = await area.getAll('thread:')
      for (const value of Object.values(all)) {
        const record = value as ThreadRecord
        const job = record.jobs.find((j) => j.jobId === jobId)
        if (job) return { record: (await load(record.state.threadKey)) ?? record, job }
      }
      return undefined
    },
  }
}

export type ThreadRepository = ReturnType<typeof createThreadRepository>

export function toThreadView(record: ThreadRecord): ThreadView {
  const { state } = record
  return {
    threadKey: state.threadKey,
    surface: record.surface,
    ...(state.conversationId ? { conversationId: state.conversationId } : {}),
    ...(state.parentMessageId ? { parentMessageId: state.parentMessageId } : {}),
    ...(state.title ? { title: state.title } : {}),
    ...(state.model ? { model: state.model } : {}),
    ...(record.privacy ? { privacy: record.privacy } : {}),
    jobs: record.jobs,
  }
}
