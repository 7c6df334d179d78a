/**
 * Applies the worker's thread, job and delta events to the popup's copy of its thread.
 *
 * Deltas carry `seq`, one more per delta of a job; a merged delta covers `fromSeq`..`seq`. Each
 * job has a cursor: the last seq applied. A snapshot (`thread` or `job`) is authoritative and
 * resets the cursor to its own `seq`; when a snapshot has no `seq`, the next delta becomes the
 * baseline (a port is FIFO, so anything after a snapshot was sent after it). A delta ending at or
 * below the cursor is a duplicate and dropped; one starting past cursor + 1 is a gap, and one
 * that overlaps the cursor cannot be split: either way the job stops taking deltas and the caller
 * asks for a fresh snapshot.
 */
import type { BackgroundEvent, JobSnapshot, ThreadView } from '../shared/messaging/protocol'

/** Delta bookkeeping for one job. */
export interface SeqCursor {
  last: number | undefined
  /** A gap was seen: ignore deltas until the next snapshot. */
  broken: boolean
}

export interface ChatState {
  thread: ThreadView | undefined
  cursors: Readonly<Record<string, SeqCursor>>
}

export type ThreadEvent = Extract<BackgroundEvent, { type: 'thread' | 'job' | 'delta' }>

export interface Applied {
  state: ChatState
  /** Something was missed: ask the worker for the thread again. */
  resync: boolean
}

export const INITIAL_CHAT_STATE: ChatState = { thread: undefined, cursors: {} }

const cursorFor = (job: JobSnapshot): SeqCursor => ({ last: job.seq, broken: false })

function applyOne(state: ChatState, event: ThreadEvent, threadKey: string): Applied {
  const unchanged = { state, resync: false }
  const { thread, cursors } = state
  switch (event.type) {
    case 'thread': {
      if (event.thread.threadKey !== threadKey) return unchanged
      const fresh = Object.fromEntries(event.thread.jobs.map((job) => [job.jobId, cursorFor(job)]))
      return { state: { thread: event.thread, cursors: fresh }, resync: false }
    }
    case 'job': {
      // Before the first thread snapshot there is nothing to update; that snapshot will hold the job.
      if (!thread || event.job.threadKey !== threadKey) return unchanged
      const index = thread.jobs.findIndex((job) => job.jobId === event.job.jobId)
      const jobs = index === -1 ? [...thread.jobs, event.job] : thread.jobs.map((job, i) => (i === index ? event.job : job))
      return { state: { thread: { ...thread, jobs }, cursors: { ...cursors, [event.job.jobId]: cursorFor(event.job) } }, resync: false }
    }
    case 'delta': {
      const index = thread?.jobs.findIndex((job) => job.jobId === event.jobId) ?? -1
      const cursor = cursors[event.jobId]
      if (!thread || index === -1 || !cursor) return { state, resync: true }
      if (cursor.broken || (cursor.last !== undefined && event.seq <= cursor.last)) return unchanged
      if (cursor.last !== undefined && (event.fromSeq ?? event.seq) !== cursor.last + 1) {
        return { state: { thread, cursors: { ...cursors, [event.jobId]: { ...cursor, broken: true } } }, resync: true }
      }
      const jobs = thread.jobs.map((job, i) => (i === index ? appendText(job, event.appended) : job))
      return { state: { thread: { ...thread, jobs }, cursors: { ...cursors, [event.jobId]: { last: event.seq, broken: false } } }, resync: false }
    }
  }
}

function appendText(job: JobSnapshot, appended: string): JobSnapshot {
  // Text flowing means the answer started, even if its status snapshot is still on the way.
  const status = job.status === 'queued' || job.status === 'requesting' ? 'streaming' : job.status
  return { ...job, status, text: job.text + appended }
}

/** Applies a batch of events in order; `resync` is true if any of them revealed a gap. */
export function applyThreadEvents(state: ChatState, events: readonly ThreadEvent[], threadKey: string): Applied {
  let resync = false
  for (const event of events) {
    const applied = applyOne(state, event, threadKey)
    state = applied.state
    resync ||= applied.resync
  }
  return { state, resync }
}

/** The job a just-sent prompt became, if it has appeared: new since `knownJobIds`, same prompt. */
export function findAcceptedJob(thread: ThreadView | undefined, prompt: string, knownJobIds: ReadonlySet<string>): JobSnapshot | undefined {
  const wanted = prompt.trim()
  return thread?.jobs.find((job) => !knownJobIds.has(job.jobId) && job.prompt.trim() === wanted)
}
