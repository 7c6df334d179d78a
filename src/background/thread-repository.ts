/**
 * Threads and their jobs in `storage.local` (keys `thread:<threadKey>`), so a conversation and its
 * answers outlive the popup, the worker and a browser restart. The worker is the only writer.
 */
import { createThread, type ThreadState } from '../core/conversations/thread'
import type { TurnPlan } from '../core/conversations/thread'
import type { JobSnapshot, Surface, ThreadView } from '../shared/messaging/protocol'
import type { KeyValueArea } from './storage-areas'

export interface ThreadRecord {
  state: ThreadState
  surface: Surface
  jobs: JobSnapshot[]
  /** What was (or will be) sent for each job: user message id and parent, kept for recovery. */
  plans: Record<string, TurnPlan>
}

const MAX_JOBS_PER_THREAD = 100
const key = (threadKey: string) => `thread:${threadKey}`

export function createThreadRepository(area: KeyValueArea) {
  // One in-memory copy per thread, so concurrent updates within the worker never race each other.
  const cache = new Map<string, ThreadRecord>()

  async function load(threadKey: string): Promise<ThreadRecord | undefined> {
    const cached = cache.get(threadKey)
    if (cached) return cached
    const stored = await area.get<ThreadRecord>(key(threadKey))
    if (stored) cache.set(threadKey, stored)
    return stored
  }

  async function save(record: ThreadRecord): Promise<void> {
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
    async open(threadKey: string, surface: Surface, temporary: boolean): Promise<ThreadRecord> {
      const existing = await load(threadKey)
      if (existing) return existing
      const record: ThreadRecord = { state: createThread(threadKey, temporary), surface, jobs: [], plans: {} }
      await save(record)
      return record
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
    jobs: record.jobs,
  }
}
