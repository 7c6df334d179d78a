/**
 * Finishing a job whose stream was lost (threats-and-faults F3, F6, F7, F18): a cut or stalled
 * stream, a worker that died mid-answer, a browser that closed, and the user's "Check result".
 * Each reads ChatGPT's copy of the conversation (server-copy.ts); none ever sends the question
 * again. The job runner lends its bookkeeping (JobControl) so states, journal and thread stay
 * written in one place.
 */
import type { ChatGptClient } from '../../core/chatgpt/chatgpt-client'
import type { ChatGptError, SerializedChatGptError } from '../../core/chatgpt/chatgpt-error'
import type { TurnPlan } from '../../core/conversations/thread'
import type { JobRecovery, JobSnapshot, JobStatus } from '../../shared/messaging/protocol'
import type { JobJournal } from '../job-journal'
import type { ThreadRecord, ThreadRepository } from '../thread-repository'
import { pollServerCopy, type ServerCopy } from './server-copy'

/** A job being streamed or recovered right now. */
export interface ActiveJob {
  controller: AbortController
  seq: number
  stoppedByUser: boolean
  /** The conversation POST left at least once: the server may have the question. */
  dispatched: boolean
}

export const FINAL: ReadonlySet<JobStatus> = new Set(['complete', 'interrupted', 'failed', 'stopped'])

/** What the job runner lends: the one place job states, the journal and the thread are written. */
export interface JobControl {
  active: ReadonlyMap<string, ActiveJob>
  publish(record: ThreadRecord, job: JobSnapshot): void
  setStatus(record: ThreadRecord, job: JobSnapshot, status: JobStatus, extra?: Partial<JobSnapshot>): Promise<void>
  /** Final state reached: record the turn, release the journal entry. */
  settle(record: ThreadRecord, job: JobSnapshot, plan: TurnPlan | undefined): Promise<void>
  /** Runs `work` as an active job: the worker stays awake and Stop ends it. */
  track(job: JobSnapshot, work: (state: ActiveJob) => Promise<void>): Promise<void>
}

export interface JobRecoveryDeps {
  client: Pick<ChatGptClient, 'readAnswer'>
  threads: ThreadRepository
  journal: JobJournal
  now: () => number
  sleep: (ms: number, signal: AbortSignal) => Promise<void>
}

/** What the user reads under an answer that could not be completed, by cause. */
const INTERRUPTION: Record<JobRecovery, string> = {
  'worker-restart': 'The extension restarted before the answer was complete.',
  'browser-restart': 'The browser closed before the answer was complete.',
  stalled: 'The connection stalled before the answer was complete.',
  cut: 'The answer stopped before it was complete.',
}
const interruption = (cause: JobRecovery): SerializedChatGptError => ({ code: 'interrupted', message: INTERRUPTION[cause] })

/** Answers this thread already had: a lost job's answer can be none of them. */
function knownAnswerIds(record: ThreadRecord, job: JobSnapshot, plan: TurnPlan | undefined): Set<string> {
  const ids = record.jobs.filter((other) => other !== job).map((other) => other.messageId)
  ids.push(record.state.parentMessageId, plan?.parentMessageId)
  return new Set(ids.filter((id): id is string => id !== undefined))
}

export function createJobRecovery(deps: JobRecoveryDeps, control: JobControl) {
  const reader = { readAnswer: deps.client.readAnswer, sleep: deps.sleep }

  /**
   * The stream was lost: read the answer back from ChatGPT's copy (bounded; never a re-send).
   * `otherwise` is the original failure, kept when the copy has nothing of this answer; a
   * `checking` run (the user's "Check result") stamps when it found nothing finished.
   */
  async function recoverInto(
    record: ThreadRecord,
    job: JobSnapshot,
    plan: TurnPlan | undefined,
    state: ActiveJob,
    cause: JobRecovery,
    options: { otherwise?: ChatGptError; checking?: boolean } = {},
  ): Promise<void> {
    job.recovery = cause
    control.publish(record, job)
    let copy: ServerCopy
    try {
      copy = await pollServerCopy(reader, job, knownAnswerIds(record, job, plan), state.controller.signal, (answer) => {
        if (answer.text.length <= job.text.length) return
        job.text = answer.text
        control.publish(record, job)
      })
    } catch {
      await control.setStatus(record, job, 'stopped') // only the user's Stop ends the wait early
      return control.settle(record, job, plan)
    }
    if (copy.kind === 'finished') {
      const { text, messageId, finishReason } = copy.answer
      delete job.checkedAt
      await control.setStatus(record, job, 'complete', { text, messageId, ...(finishReason ? { finishReason } : {}) })
    } else if (copy.kind === 'none' && options.otherwise) {
      delete job.recovery
      await control.setStatus(record, job, 'failed', { error: options.otherwise.toJSON() })
    } else {
      const partial = copy.kind === 'partial' && copy.answer.text.length > job.text.length ? { text: copy.answer.text } : {}
      await control.setStatus(record, job, 'interrupted', { ...partial, error: interruption(cause), ...(options.checking ? { checkedAt: deps.now() } : {}) })
    }
    await control.settle(record, job, plan)
  }

  return {
    recoverInto,
    /**
     * A job a dead worker left in flight. Its POST may have reached the server, so it is never
     * re-sent: the answer is read from the conversation until the server says it is finished.
     */
    async recoverOrphan(threadKey: string, journalled: JobSnapshot): Promise<void> {
      const record = await deps.threads.load(threadKey)
      const job = record?.jobs.find((j) => j.jobId === journalled.jobId)
      if (!record || !job || control.active.has(job.jobId)) return
      // The session journal is written more often than the thread: keep whichever knows more.
      if (journalled.text.length >= job.text.length) Object.assign(job, journalled)
      const plan = record.plans[job.jobId]
      if (FINAL.has(job.status) || !plan) return deps.journal.finished(job.jobId)
      await control.track(job, (state) => recoverInto(record, job, plan, state, 'worker-restart'))
    },
    /**
     * The user's "Check result" on an interrupted answer: read ChatGPT's copy again. Resolves
     * false when there is nothing to check (unknown job, not interrupted, no conversation yet).
     */
    async checkResult(jobId: string): Promise<boolean> {
      const found = await deps.threads.findJob(jobId)
      if (!found || control.active.has(jobId)) return false
      const { record, job } = found
      if (job.status !== 'interrupted' || !job.conversationId) return false
      await control.track(job, async (state) => {
        await control.setStatus(record, job, 'streaming')
        await recoverInto(record, job, record.plans[jobId], state, job.recovery ?? 'cut', { checking: true })
      })
      return true
    },
    /**
     * A job still unfinished in the thread when the browser (or an extension update) started a new
     * session: the journal went with the old one, and so did its request. Keep the partial answer,
     * flagged; "Check result" reads the rest from ChatGPT.
     */
    async closeLost(threadKey: string, jobId: string): Promise<void> {
      const record = await deps.threads.load(threadKey)
      const job = record?.jobs.find((j) => j.jobId === jobId)
      if (!record || !job || FINAL.has(job.status) || control.active.has(jobId)) return
      await control.setStatus(record, job, 'interrupted', { recovery: 'browser-restart', error: interruption('browser-restart') })
      await control.settle(record, job, record.plans[jobId])
    },
  }
}
