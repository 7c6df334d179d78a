/**
 * On every worker start: jobs the journal still lists as in flight belonged to a worker that was
 * stopped (idle kill, crash, update). Recover each from the server's copy; never re-send.
 */
import type { WorkerServices } from './worker-services'

export async function recoverLeftoverJobs(services: WorkerServices): Promise<void> {
  const leftovers = await services.journal.leftovers()
  await Promise.all(leftovers.map((entry) => services.runner.recoverOrphan(entry.threadKey, entry.job)))
}
