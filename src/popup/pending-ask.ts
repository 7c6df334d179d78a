/**
 * Tracks the one question in flight between "Send" and the worker's acknowledgement, which is
 * the new job appearing in the thread. The composer clears only on that acknowledgement, so a
 * send that the worker refused, or that never arrived, leaves the user's text where it was.
 */
import type { ThreadView } from '../shared/messaging/protocol'
import { findAcceptedJob } from './chat-state'

/** How long to wait for the job to appear before giving the text back. */
export const ACCEPT_TIMEOUT_MS = 15_000
/**
 * `rejected` events carry no request id, so a refusal might belong to another request: wait this
 * long for the job anyway before calling the send failed.
 */
const REJECT_GRACE_MS = 300

interface Pending {
  prompt: string
  known: ReadonlySet<string>
  resolve: (accepted: boolean) => void
  timer: ReturnType<typeof setTimeout>
}

/** Creates the tracker; `start` returns a promise that says whether the ask was accepted. */
export function createPendingAsk() {
  let pending: Pending | undefined

  const settle = (accepted: boolean) => {
    if (!pending) return
    clearTimeout(pending.timer)
    pending.resolve(accepted)
    pending = undefined
  }

  return {
    /** Starts waiting for `prompt`'s job; an earlier pending ask is given up. */
    start(prompt: string, thread: ThreadView | undefined): Promise<boolean> {
      settle(false)
      return new Promise<boolean>((resolve) => {
        const known = new Set(thread?.jobs.map((job) => job.jobId))
        pending = { prompt, known, resolve, timer: setTimeout(() => settle(false), ACCEPT_TIMEOUT_MS) }
      })
    },
    /** Call after each thread update. */
    check(thread: ThreadView | undefined) {
      if (pending && findAcceptedJob(thread, pending.prompt, pending.known)) settle(true)
    },
    /** The worker refused something: fail the pending ask unless its job shows up very soon. */
    rejected() {
      if (!pending) return
      clearTimeout(pending.timer)
      pending.timer = setTimeout(() => settle(false), REJECT_GRACE_MS)
    },
    /** The request could not even be posted. */
    fail: () => settle(false),
  }
}
