/**
 * What a worker does when it starts (threats-and-faults F3, F18, F19). Jobs the session journal
 * still lists were left by a worker that was stopped mid-answer: recover each from ChatGPT's copy.
 * If the session itself is new (the browser restarted, or the extension was updated), the journal
 * went with the old one: any job still unfinished in a thread lost its request, and is flagged
 * interrupted, partial answer kept. Nothing is ever re-sent.
 */
import type { JobSnapshot } from '../../shared/messaging/protocol'
import type { JournalEntry } from '../job-journal'
import type { KeyValueArea } from '../storage-areas'
import type { ThreadRecord } from '../thread-repository'

/** Set in `storage.session` once per browser session; its absence means a new session. */
export const SESSION_MARK = 'browser-session'

const UNFINISHED: ReadonlySet<JobSnapshot['status']> = new Set(['queued', 'requesting', 'streaming'])

export interface LeftoverDeps {
  session: KeyValueArea
  local: KeyValueArea
  journal: { leftovers(): Promise<JournalEntry[]> }
  runner: {
    recoverOrphan(threadKey: string, job: JobSnapshot): Promise<void>
    closeLost(threadKey: string, jobId: string): Promise<void>
  }
  now: () => number
}

export async function recoverJobs(deps: LeftoverDeps): Promise<void> {
  if (!(await deps.session.get(SESSION_MARK))) {
    await deps.session.set(SESSION_MARK, deps.now())
    // Once per browser session, so reading every thread is affordable.
    const threads = Object.values(await deps.local.getAll('thread:')) as ThreadRecord[]
    const lost = threads.flatMap((record) =>
      record.jobs.filter((job) => UNFINISHED.has(job.status)).map((job) => ({ threadKey: record.state.threadKey, jobId: job.jobId })),
    )
    await Promise.all(lost.map(({ threadKey, jobId }) => deps.runner.closeLost(threadKey, jobId)))
  }
  const leftovers = await deps.journal.leftovers()
  await Promise.all(leftovers.map((entry) => deps.runner.recoverOrphan(entry.threadKey, entry.job)))
}
