/**
 * A read-only test seam on the worker's own global scope (reachable only from inside the worker,
 * e.g. Playwright's `worker.evaluate`): counters that show the keep-alive is held only while work
 * is in flight (threats-and-faults G12). No content, no ids, no credentials.
 */
import type { JobRunner } from '../job-runner'
import type { KeepAlive } from '../keep-alive'

export interface WorkerDiagnostics {
  keepAliveHolders: number
  heartbeating: boolean
  heartbeats: number
  activeJobs: number
}

export const DIAGNOSTICS_GLOBAL = '__askAnywhereDiagnostics'

export function exposeDiagnostics(keepAlive: KeepAlive, runner: JobRunner): void {
  const read = (): WorkerDiagnostics => ({
    keepAliveHolders: keepAlive.holders,
    heartbeating: keepAlive.heartbeating,
    heartbeats: keepAlive.beats,
    activeJobs: runner.activeCount,
  })
  Object.defineProperty(globalThis, DIAGNOSTICS_GLOBAL, { value: read, configurable: true })
}
