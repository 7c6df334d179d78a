/**
 * Every question becomes a job the worker owns: planned (ids fixed before anything is sent),
 * queued behind the account's one-answer-at-a-time slot, streamed, journalled, and finished into
 * its thread. UIs only watch. A dispatched POST is never sent again; an interrupted answer is
 * recovered from the server's copy of the conversation.
 */
import type { AnswerOutcome, AnswerUpdate } from '../core/chatgpt/answer-update'
import type { ChatGptClient } from '../core/chatgpt/chatgpt-client'
import { ChatGptError, type SerializedChatGptError } from '../core/chatgpt/chatgpt-error'
import type { TurnAction } from '../core/chatgpt/conversation-request'
import { createSendQueue } from '../core/conversations/send-queue'
import { planTurn, recordTurn, type TurnPlan } from '../core/conversations/thread'
import type { JobSnapshot, JobStatus } from '../shared/messaging/protocol'
import type { Settings } from '../shared/settings'
import { withAnswerLanguage } from '../shared/answer-language'
import type { JobJournal } from './job-journal'
import type { KeepAlive } from './keep-alive'
import type { PortHub } from './port-hub'
import { toThreadView, type ThreadRecord, type ThreadRepository } from './thread-repository'

/** "Only one message at a time" from another tab or chatgpt.com itself: wait, then try again. */
const BUSY_RETRY_MS = 3_000
const BUSY_RETRIES = 20

interface ActiveJob {
  controller: AbortController
  seq: number
  stoppedByUser: boolean
}

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

/** After a worker death the server may still be writing the answer: poll it, boundedly (F3). */
const RECOVERY_POLLS = 10
const RECOVERY_FIRST_WAIT_MS = 1_000
const RECOVERY_MAX_WAIT_MS = 20_000

const FINAL: ReadonlySet<JobStatus> = new Set(['complete', 'interrupted', 'failed', 'stopped'])

export function createJobRunner(deps: JobRunnerDeps) {
  const queue = createSendQueue()
  const active = new Map<string, ActiveJob>()

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
    for (let busy = 0; ; busy += 1) {
      try {
        const answer = deps.client.ask({
          turn: { ...plan, model, temporary: record.state.temporary },
          signal: state.controller.signal,
        })
        for (;;) {
          const step = await answer.next()
          if (step.done) return step.value
          applyUpdate(record, job, state, step.value)
        }
      } catch (error) {
        const waiting = error instanceof ChatGptError && error.code === 'one-at-a-time' && job.text === ''
        if (!waiting || busy >= BUSY_RETRIES) throw error
        await setStatus(record, job, 'queued')
        await deps.sleep(BUSY_RETRY_MS, state.controller.signal)
        await setStatus(record, job, 'requesting')
      }
    }
  }

  /** The stream was cut: ask the server what it has (never re-send). */
  async function recover(job: JobSnapshot): Promise<{ text: string; finished: boolean; finishReason?: string } | undefined> {
    if (!job.conversationId) return undefined
    try {
      return await deps.client.readAnswer(job.conversationId, job.messageId)
    } catch {
      return undefined
    }
  }

  async function finish(
    record: ThreadRecord,
    job: JobSnapshot,
    plan: TurnPlan,
    outcome: AnswerOutcome | ChatGptError,
    recoveredText?: string,
  ) {
    if (outcome instanceof ChatGptError) {
      const state = active.get(job.jobId)
      if (outcome.code === 'aborted' || state?.stoppedByUser) await setStatus(record, job, 'stopped')
      else await setStatus(record, job, 'failed', { error: outcome.toJSON() })
    } else if (outcome.kind === 'complete') {
      await setStatus(record, job, 'complete', recoveredText === undefined ? {} : { text: recoveredText })
    } else {
      const recovered = await recover(job)
      if (recovered?.finished) {
        await setStatus(record, job, 'complete', { text: recovered.text, ...(recovered.finishReason ? { finishReason: recovered.finishReason } : {}) })
      } else {
        const error: SerializedChatGptError = { code: 'interrupted', message: 'The answer stopped before it was complete.' }
        await setStatus(record, job, 'interrupted', { error, ...(recovered ? { text: recovered.text } : {}) })
      }
    }
    if (job.messageId || job.conversationId) {
      record.state = recordTurn(record.state, plan, {
        ...(job.conversationId ? { conversationId: job.conversationId } : {}),
        ...(job.messageId ? { messageId: job.messageId } : {}),
      })
      await deps.threads.save(record)
      deps.hub.broadcast(record.state.threadKey, { type: 'thread', thread: toThreadView(record) })
    }
    await deps.journal.finished(job.jobId)
    await hideIfAsked(record, job)
  }

  /** "Delete after use": the conversation leaves the ChatGPT sidebar once the answer is in. */
  async function hideIfAsked(record: ThreadRecord, job: JobSnapshot): Promise<void> {
    const settings = await deps.settings()
    // The mode the thread was started under; older records fall back to the surface's setting.
    const mode = record.privacy ?? settings.privacy[record.surface]
    if (mode !== 'delete-after' || !job.conversationId || job.status !== 'complete') return
    await deps.hider.hide(job.conversationId)
  }

  async function run(record: ThreadRecord, job: JobSnapshot, plan: TurnPlan): Promise<void> {
    const state: ActiveJob = { controller: new AbortController(), seq: 0, stoppedByUser: false }
    active.set(job.jobId, state)
    const release = deps.keepAlive.acquire()
    try {
      const outcome = await queue.enqueue({
        signal: state.controller.signal,
        onQueued: () => void setStatus(record, job, 'queued'),
        run: async () => {
          if (job.status !== 'requesting') await setStatus(record, job, 'requesting')
          return stream(record, job, plan, state)
        },
      })
      await finish(record, job, plan, outcome)
    } catch (error) {
      const failure =
        error instanceof ChatGptError
          ? error
          : state.controller.signal.aborted
            ? new ChatGptError('aborted', 'Stopped.')
            : job.text
              ? null // a transport error mid-stream is an interruption: recover like one
              : new ChatGptError('network', String(error))
      await finish(record, job, plan, failure ?? { kind: 'interrupted', last: { textSoFar: job.text, appended: '', replaced: false } })
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
      record.jobs.push(job)
      record.plans[job.jobId] = plan
      await deps.journal.statusChanged(record, job)
      publish(record, job)
      void run(record, job, plan)
      return job
    },
    /**
     * A job a dead worker left in flight. Its POST may have reached the server, so it is never
     * re-sent: the answer is read from the conversation until the server says it is finished.
     */
    async recoverOrphan(threadKey: string, journalled: JobSnapshot): Promise<void> {
      const record = await deps.threads.load(threadKey)
      const job = record?.jobs.find((j) => j.jobId === journalled.jobId)
      if (!record || !job || active.has(job.jobId)) return
      // The session journal is written more often than the thread: keep whichever knows more.
      if (journalled.text.length >= job.text.length) Object.assign(job, journalled)
      const plan = record.plans[job.jobId]
      if (FINAL.has(job.status) || !plan) return deps.journal.finished(job.jobId)
      const release = deps.keepAlive.acquire()
      try {
        for (let poll = 0, wait = RECOVERY_FIRST_WAIT_MS; poll < RECOVERY_POLLS && job.conversationId; poll += 1) {
          const recovered = await recover(job)
          if (recovered?.finished) {
            return await finish(record, job, plan, { kind: 'complete', last: { textSoFar: recovered.text, appended: '', replaced: true } }, recovered.text)
          }
          if (recovered && recovered.text.length > job.text.length) {
            job.text = recovered.text
            publish(record, job)
          }
          await deps.sleep(wait, new AbortController().signal)
          wait = Math.min(wait * 2, RECOVERY_MAX_WAIT_MS)
        }
        await finish(record, job, plan, { kind: 'interrupted', last: { textSoFar: job.text, appended: '', replaced: false } })
      } finally {
        release()
      }
    },
    stop(jobId: string): boolean {
      const state = active.get(jobId)
      if (!state) return false
      state.stoppedByUser = true
      state.controller.abort(new ChatGptError('aborted', 'Stopped.'))
      return true
    },
    isActive: (jobId: string) => active.has(jobId),
    isFinal: (status: JobStatus) => FINAL.has(status),
  }
}

export type JobRunner = ReturnType<typeof createJobRunner>
