/**
 * Each tab has its own thread, `tab:<tabId>`. Asking again in the same tab continues it; a tab id
 * from an earlier browser session (ids restart after a restart) starts a fresh one, so a new page
 * never inherits an old conversation. A question asked while the tab's previous answer still
 * streams replaces that answer: it is stopped first, so the new turn follows it in the thread.
 */
import { resetThread } from '../../core/conversations/thread'
import type { Settings } from '../../shared/settings'
import type { JobRunner } from '../job-runner'
import type { PortHub } from '../port-hub'
import type { KeyValueArea } from '../storage-areas'
import { toThreadView, type ThreadRecord, type ThreadRepository } from '../thread-repository'

export interface TabThreadDeps {
  runner: JobRunner
  threads: ThreadRepository
  hub: PortHub
  settings: () => Promise<Settings>
  /** `storage.session`: cleared when the browser restarts, which is what "this session" means. */
  session: KeyValueArea
  sleep: (ms: number) => Promise<void>
}

const STOP_POLL_MS = 20
const STOP_POLLS = 250

const seenKey = (threadKey: string) => `selection-seen:${threadKey}`

/** Opens the tab's thread for a new question: created, or reset if left from another session. */
export async function prepareTabThread(threadKey: string, deps: TabThreadDeps): Promise<ThreadRecord> {
  const temporary = (await deps.settings()).privacy.selection === 'temporary'
  const record = await deps.threads.open(threadKey, 'selection', temporary)
  if (await deps.session.get<boolean>(seenKey(threadKey))) return record
  if (record.jobs.length > 0 || record.state.conversationId) {
    record.state = { ...resetThread(record.state), temporary }
    record.jobs = []
    record.plans = {}
    await deps.threads.save(record)
    deps.hub.broadcast(threadKey, { type: 'thread', thread: toThreadView(record) })
  }
  await deps.session.set(seenKey(threadKey), true)
  return record
}

/** Stops the thread's running answers; with `settle`, waits (bounded) until they are recorded. */
export async function stopThreadJobs(threadKey: string, deps: Pick<TabThreadDeps, 'runner' | 'threads' | 'sleep'>, settle = false): Promise<number> {
  const record = await deps.threads.load(threadKey)
  const running = (record?.jobs ?? []).filter((job) => deps.runner.isActive(job.jobId))
  for (const job of running) deps.runner.stop(job.jobId)
  for (let poll = 0; settle && poll < STOP_POLLS && running.some((job) => deps.runner.isActive(job.jobId)); poll += 1) {
    await deps.sleep(STOP_POLL_MS)
  }
  return running.length
}
