/**
 * Every question becomes a job the worker owns: planned (ids fixed before anything is sent),
 * queued behind the account's one-answer-at-a-time slot, streamed, journalled, and finished into
 * its thread. UIs only watch. A dispatched POST is never sent again; an interrupted answer is
 * recovered from the server's copy of the conversation (reliability/job-recovery.ts), and a job
 * refused before it started waits and goes again only as reliability/resend-policy.ts allows.
 */
import type { AnswerOutcome, AnswerUpdate } from '../core/chatgpt/answer-update'
import type { ChatGptClient } from '../core/chatgpt/chatgpt-client'
import { ChatGptError } from '../core/chatgpt/chatgpt-error'
import type { TurnAction } from '../core/chatgpt/conversation-request'
import { createSendQueue } from '../core/conversations/send-queue'
import { planTurn, recordTurn, type TurnPlan } from '../core/conversations/thread'
import { StreamStalledError } from '../core/chatgpt/stream/watch-for-stall'
import type { JobSnapshot, JobStatus } from '../shared/messaging/protocol'
import type { Settings } from '../shared/settings'
import { withAnswerLanguage } from '../shared/answer-language'
import type { JobJournal } from './job-journal'
import type { KeepAlive } from './keep-alive'
import type { PortHub } from './port-hub'
import { waitBeforeResend } from './reliability/resend-policy'
import { createJobRecovery, FINAL, type ActiveJob } from './reliability/job-recovery'
import { toThreadView, type ThreadRecord, type ThreadRepository } from './thread-repository'

export interface JobRunnerDeps {
  client: ChatGptClient
  threads: ThreadRepository
  journal: JobJournal
  hub: PortHub
  keepAlive: KeepAlive
  settings: () => Promise<Settings>
  newId: () => string
  now: () => number
  sleep: (ms: number, signal: AbortSignal) => Promise<void>
  /** "Delete after use": hides the conversation, retrying later if it fails (privacy/conversation-hider). */
  hider: { hide(conversationId: string): Promise<void> }
}

export function createJobRunner(deps: JobRunnerDeps) {
  const queue = createSendQueue()
  const active = new Map<string, ActiveJob>()
  const newState = (): ActiveJob => ({ controller: new AbortController(), seq: 0, stoppedByUser: false, dispatched: false })
  const recovery = createJobRecovery(deps, { active, publish, setStatus, settle, track })

  function publish(record: ThreadRecord, job: JobSnapshot): void {
    deps.hub.broadcast(record.state.threadKey, { type: 'job', job: { ...job, seq: active.get(job.jobId)?.seq ?? 0 } })
  }

  async function setStatus(record: ThreadRecord, job: JobSnapshot, status: JobStatus, extra: Partial<JobSnapshot> = {}) {
    Object.assign(job, extra, { status, updatedAt: deps.now() })
    publish(record, job)
    await deps.journal.statusChanged(record, job)
  }

  function applyUpdate(record: ThreadRecord, job: JobSnapshot, state: ActiveJob, update: AnswerUpdate): void {
    const idsChanged =
      (update.conversationId && update.conversationId !== job.conversationId) ||
      (update.messageId && update.messageId !== job.messageId) ||
      (update.model && update.model !== job.model)
    if (update.conversationId) job.conversationId = update.conversationId
    if (update.messageId) job.messageId = update.messageId
    if (update.model) job.model = update.model
    if (update.finishReason) job.finishReason = update.finishReason
    if (update.title && !record.state.title) record.state.title = update.title
    job.updatedAt = deps.now()
    if (update.replaced || idsChanged || job.status !== 'streaming') {
      job.text = update.textSoFar
      job.status = 'streaming'
      publish(record, job)
    } else if (update.appended) {
      job.text += update.appended
      state.seq += 1
      deps.hub.broadcast(record.state.threadKey, { type: 'delta', jobId: job.jobId, seq: state.seq, appended: update.appended })
    }
    deps.journal.progressed(record, job)
  }

  async function stream(record: ThreadRecord, job: JobSnapshot, plan: TurnPlan, state: ActiveJob): Promise<AnswerOutcome> {
    const settings = await deps.settings()
    const model = job.model ?? record.state.model ?? (settings.defaultModel || 'auto')
    for (let refused = 0; ; refused += 1) {
      let started = false
      try {
        const answer = deps.client.ask({
          turn: { ...plan, model, temporary: record.state.temporary },
          signal: state.controller.signal,
          idleTimeoutMs: settings.stallTimeoutMs,
          onDispatch: () => {
            state.dispatched = true
          },
          // Sent from a chatgpt.com tab: the UI says so, and why (issue 11).
          onTransport: (use) => {
            if (use) job.transport = use
            else delete job.transport
            publish(record, job)
          },
        })
        for (;;) {
          const step = await answer.next()
          if (step.done) return step.value
          started = true
          applyUpdate(record, job, state, step.value)
        }
      } catch (error) {
        const wait = waitBeforeResend(error, refused, started, deps.now())
        if (!wait) throw error
        await setStatus(record, job, 'queued', wait.until === undefined ? {} : { retryAt: wait.until })
        await deps.sleep(wait.ms, state.controller.signal)
        delete job.retryAt
        await setStatus(record, job, 'requesting')
      }
    }
  }

  async function finish(record: ThreadRecord, job: JobSnapshot, plan: TurnPlan, state: ActiveJob, outcome: AnswerOutcome | ChatGptError) {
    if (outcome instanceof ChatGptError) {
      if (outcome.code === 'aborted' || state.stoppedByUser) await setStatus(record, job, 'stopped')
      else await setStatus(record, job, 'failed', { error: outcome.toJSON() })
    } else if (outcome.kind === 'complete') {
      await setStatus(record, job, 'complete')
    } else {
      return recovery.recoverInto(record, job, plan, state, 'cut')
    }
    // Only a POST that left can have moved the conversation on the server.
    const head = outcome instanceof ChatGptError && state.dispatched ? await readServerHead(job) : undefined
    await settle(record, job, plan, head)
  }

  /**
   * The job reached its final state: the thread learns its ids, unless a later turn already
   * answered (a late Check result must not move the thread back), and the journal lets go.
   */
  async function settle(record: ThreadRecord, job: JobSnapshot, plan: TurnPlan | undefined, serverHead?: string): Promise<void> {
    const messageId = job.messageId ?? serverHead
    const superseded = record.jobs.slice(record.jobs.indexOf(job) + 1).some((later) => later.messageId !== undefined)
    if (plan && (messageId || job.conversationId) && !superseded) {
      record.state = recordTurn(record.state, plan, {
        ...(job.conversationId ? { conversationId: job.conversationId } : {}),
        ...(messageId ? { messageId } : {}),
      })
      await deps.threads.save(record)
      deps.hub.broadcast(record.state.threadKey, { type: 'thread', thread: toThreadView(record) })
    }
    await deps.journal.finished(job.jobId)
    await hideIfAsked(record, job)
  }

  /**
   * A turn stopped or failed after its POST left but before its answer's id arrived still moved
   * the conversation on the server: ask the server for the answer now at the head of the branch, so the next turn's
   * parent is the one the server expects. If nothing changed there, that is the old parent again.
   */
  async function readServerHead(job: JobSnapshot): Promise<string | undefined> {
    if (job.messageId || !job.conversationId) return undefined
    try {
      return (await deps.client.readAnswer(job.conversationId))?.messageId
    } catch {
      return undefined // the next turn's parent may be refused; New chat always works
    }
  }

  /** "Delete after use": the conversation leaves the ChatGPT sidebar once the answer is in. */
  async function hideIfAsked(record: ThreadRecord, job: JobSnapshot): Promise<void> {
    const settings = await deps.settings()
    // The mode the thread was started under; older records fall back to the surface's setting.
    const mode = record.privacy ?? settings.privacy[record.surface]
    if (mode !== 'delete-after' || !job.conversationId || job.status !== 'complete') return
    await deps.hider.hide(job.conversationId)
  }

  async function run(record: ThreadRecord, job: JobSnapshot, plan: TurnPlan, state: ActiveJob): Promise<void> {
    const release = deps.keepAlive.acquire()
    try {
      // The slot is held until the job is settled (recovered, recorded), so the next turn in this
      // thread knows its parent, and nothing else is sent while ChatGPT may still be writing.
      await queue.enqueue({
        signal: state.controller.signal,
        onQueued: () => void setStatus(record, job, 'queued'),
        run: async () => {
          try {
            rebase(record, job, plan)
            if (job.status !== 'requesting') await setStatus(record, job, 'requesting')
            await finish(record, job, plan, state, await stream(record, job, plan, state))
          } catch (error) {
            await fail(record, job, plan, state, error)
          }
        },
      })
    } catch (error) {
      await fail(record, job, plan, state, error) // stopped while waiting its turn
    } finally {
      release()
      active.delete(job.jobId)
    }
  }

  /** How a job that threw ends: stopped, read back from the server's copy, or failed. */
  async function fail(record: ThreadRecord, job: JobSnapshot, plan: TurnPlan, state: ActiveJob, error: unknown): Promise<void> {
    const failure = error instanceof ChatGptError ? error : new ChatGptError('network', String(error))
    if (state.controller.signal.aborted) await finish(record, job, plan, state, new ChatGptError('aborted', 'Stopped.'))
    else if (error instanceof StreamStalledError) await recovery.recoverInto(record, job, plan, state, 'stalled')
    else if (failure.code === 'interrupted' || (!(error instanceof ChatGptError) && job.text)) await recovery.recoverInto(record, job, plan, state, 'cut')
    // The POST left and then the connection failed: the server may have taken it anyway.
    else if (failure.code === 'network' && state.dispatched) await recovery.recoverInto(record, job, plan, state, 'cut', { otherwise: failure })
    else await finish(record, job, plan, state, failure)
  }

  /**
   * A turn that waited behind another in the same thread goes under the answer that one produced
   * (F16): planned at the ask, its parent would be stale by now and the server would refuse it.
   * The user message id stays the one planned, so the send is still idempotent by id.
   */
  function rebase(record: ThreadRecord, job: JobSnapshot, plan: TurnPlan): void {
    if (plan.action === 'variant') return
    const { conversationId, parentMessageId } = record.state
    if (parentMessageId) plan.parentMessageId = parentMessageId
    if (conversationId) {
      plan.conversationId = conversationId
      job.conversationId = conversationId
    }
  }

  /** Runs a recovery of `job` as an active job: it keeps the worker awake and Stop ends it. */
  async function track(job: JobSnapshot, work: (state: ActiveJob) => Promise<void>): Promise<void> {
    const state = newState()
    active.set(job.jobId, state)
    const release = deps.keepAlive.acquire()
    try {
      await work(state)
    } finally {
      release()
      active.delete(job.jobId)
    }
  }

  return {
    /** Plans and starts a job; resolves once it is recorded (not when the answer ends). */
    async start(threadKey: string, action: TurnAction, prompt?: string, model?: string): Promise<JobSnapshot> {
      const record = await deps.threads.load(threadKey)
      if (!record) throw new Error(`unknown thread ${threadKey}`)
      if (model) record.state.model = model
      // A fixed answer language adds one line to what is sent; the job keeps the user's words.
      const { answerLanguage } = await deps.settings()
      const plan = planTurn(record.state, action, prompt === undefined ? undefined : withAnswerLanguage(prompt, answerLanguage), deps.newId)
      const asked = prompt ?? (action === 'variant' ? [...record.jobs].reverse().find((j) => j.action === 'next')?.prompt : undefined)
      const now = deps.now()
      const job: JobSnapshot = {
        jobId: deps.newId(),
        threadKey,
        action,
        prompt: asked ?? plan.prompt ?? '',
        status: 'requesting',
        text: '',
        createdAt: now,
        updatedAt: now,
        ...(record.state.conversationId ? { conversationId: record.state.conversationId } : {}),
      }
      // Active from here on, so no recovery sweep mistakes it for a job a dead worker left behind.
      const state = newState()
      active.set(job.jobId, state)
      record.jobs.push(job)
      record.plans[job.jobId] = plan
      await deps.journal.statusChanged(record, job)
      publish(record, job)
      void run(record, job, plan, state)
      return job
    },
    /** A job a dead worker left in flight: read from ChatGPT's copy, never re-sent. */
    recoverOrphan: recovery.recoverOrphan,
    /** The user's "Check result" on an interrupted answer; false when there is nothing to check. */
    checkResult: recovery.checkResult,
    /** A job the browser (or an update) cut off: flagged interrupted, partial answer kept. */
    closeLost: recovery.closeLost,
    stop(jobId: string): boolean {
      const state = active.get(jobId)
      if (!state) return false
      state.stoppedByUser = true
      state.controller.abort(new ChatGptError('aborted', 'Stopped.'))
      return true
    },
    isActive: (jobId: string) => active.has(jobId),
    /** Jobs streaming or being recovered right now (diagnostics). */
    get activeCount() {
      return active.size
    },
    isFinal: (status: JobStatus) => FINAL.has(status),
  }
}

export type JobRunner = ReturnType<typeof createJobRunner>
