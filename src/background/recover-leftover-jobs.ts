/**
 * On every worker start: finish what a stopped worker or a closed browser left unfinished
 * (reliability/leftover-jobs.ts). Recovered from the server's copy; never re-sent.
 */
import { recoverJobs } from './reliability/leftover-jobs'
import { localArea, sessionArea } from './storage-areas'
import type { WorkerServices } from './worker-services'

export async function recoverLeftoverJobs(services: WorkerServices): Promise<void> {
  await recoverJobs({ session: sessionArea, local: localArea, journal: services.journal, runner: services.runner, now: Date.now })
}
