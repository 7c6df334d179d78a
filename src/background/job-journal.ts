/**
 * Journal-first streaming (threats-and-faults R2): every answer in flight is checkpointed to
 * `storage.session` at most every 250 ms and to the thread in `storage.local` at most every 2 s
 * and on every status change. Each write is also an extension API call, which keeps the worker
 * awake while bytes flow. If the worker dies, the next one finds the journal and recovers.
 */
import type { JobSnapshot } from '../shared/messaging/protocol'
import type { KeyValueArea } from './storage-areas'
import type { ThreadRecord, ThreadRepository } from './thread-repository'

const SESSION_INTERVAL_MS = 250
const LOCAL_INTERVAL_MS = 2_000
const key = (jobId: string) => `job:${jobId}`

export interface JournalEntry {
  job: JobSnapshot
  threadKey: string
}

export function createJobJournal(session: KeyValueArea, threads: ThreadRepository, now: () => number) {
  const lastSession = new Map<string, number>()
  const lastLocal = new Map<string, number>()
  const timers = new Map<string, ReturnType<typeof setTimeout>>()

  async function writeSession(job: JobSnapshot): Promise<void> {
    lastSession.set(job.jobId, now())
    await session.set(key(job.jobId), { job, threadKey: job.threadKey } satisfies JournalEntry)
  }

  async function writeLocal(record: ThreadRecord, job: JobSnapshot): Promise<void> {
    lastLocal.set(job.jobId, now())
    await threads.save(record)
  }

  return {
    /** Persist now: a status change must never be lost. */
    async statusChanged(record: ThreadRecord, job: JobSnapshot): Promise<void> {
      clearTimeout(timers.get(job.jobId))
      timers.delete(job.jobId)
      await Promise.all([writeSession(job), writeLocal(record, job)])
    },
    /** Text grew: persist soon, at a bounded rate. */
    progressed(record: ThreadRecord, job: JobSnapshot): void {
      if (timers.has(job.jobId)) return
      const dueSession = (lastSession.get(job.jobId) ?? 0) + SESSION_INTERVAL_MS
      const wait = Math.max(0, dueSession - now())
      timers.set(
        job.jobId,
        setTimeout(() => {
          timers.delete(job.jobId)
          void writeSession(job)
          if (now() - (lastLocal.get(job.jobId) ?? 0) >= LOCAL_INTERVAL_MS) void writeLocal(record, job)
        }, wait),
      )
    },
    /** The job reached a final state and the thread holds it: drop the journal entry. */
    async finished(jobId: string): Promise<void> {
      clearTimeout(timers.get(jobId))
      timers.delete(jobId)
      lastSession.delete(jobId)
      lastLocal.delete(jobId)
      await session.remove(key(jobId))
    },
    /** Entries left by a worker that died mid-answer. */
    async leftovers(): Promise<JournalEntry[]> {
      return Object.values(await session.getAll('job:')) as JournalEntry[]
    },
  }
}

export type JobJournal = ReturnType<typeof createJobJournal>
