/**
 * Port messages arrive as `unknown`. This checks their shape once, at the edge, so everything
 * past it works with `BackgroundEvent` without casts (style habit 4). The worker is trusted, but a
 * version skew (an old popup talking to an updated worker) must not crash the page.
 */
import type { SerializedChatGptError } from '../core/chatgpt/chatgpt-error'
import type { AccountStatus, BackgroundEvent, JobSnapshot, JobStatus, ModelOption, ThreadView } from '../shared/messaging/protocol'

type Obj = Record<string, unknown>

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const isStr = (v: unknown): v is string => typeof v === 'string'
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const optional = <T>(v: unknown, check: (x: unknown) => x is T): boolean => v === undefined || check(v)

const STATUSES: readonly string[] = ['queued', 'requesting', 'streaming', 'complete', 'interrupted', 'failed', 'stopped'] satisfies JobStatus[]

function isError(v: unknown): v is SerializedChatGptError {
  return isObj(v) && isStr(v.code) && isStr(v.message) && optional(v.retryAt, isNum) && optional(v.serverMessage, isStr)
}

function isJob(v: unknown): v is JobSnapshot {
  return (
    isObj(v) && isStr(v.jobId) && isStr(v.threadKey) && isStr(v.prompt) && isStr(v.text) && isStr(v.action) &&
    isStr(v.status) && STATUSES.includes(v.status) && optional(v.seq, isNum) && optional(v.error, isError) &&
    optional(v.conversationId, isStr) && optional(v.finishReason, isStr)
  )
}

function isThread(v: unknown): v is ThreadView {
  return isObj(v) && isStr(v.threadKey) && isStr(v.surface) && Array.isArray(v.jobs) && v.jobs.every(isJob) && optional(v.conversationId, isStr)
}

const isModel = (v: unknown): v is ModelOption => isObj(v) && isStr(v.slug) && isStr(v.title)
const isAccount = (v: unknown): v is AccountStatus => isObj(v) && typeof v.loggedIn === 'boolean' && optional(v.error, isError)

/** The message as a `BackgroundEvent`, or `undefined` if it is not one. */
export function parseBackgroundEvent(message: unknown): BackgroundEvent | undefined {
  if (!isObj(message)) return undefined
  const m = message
  switch (m.type) {
    case 'thread':
      return isThread(m.thread) ? { type: 'thread', thread: m.thread } : undefined
    case 'job':
      return isJob(m.job) ? { type: 'job', job: m.job } : undefined
    case 'delta': {
      if (!isStr(m.jobId) || !isNum(m.seq) || !isStr(m.appended)) return undefined
      // A merged delta covers fromSeq..seq (port-hub.ts).
      if (m.fromSeq === undefined) return { type: 'delta', jobId: m.jobId, seq: m.seq, appended: m.appended }
      return isNum(m.fromSeq) && m.fromSeq <= m.seq ? { type: 'delta', jobId: m.jobId, seq: m.seq, appended: m.appended, fromSeq: m.fromSeq } : undefined
    }
    case 'models':
      if (!Array.isArray(m.models) || !optional(m.defaultSlug, isStr)) return undefined
      return { type: 'models', models: m.models.filter(isModel), ...(isStr(m.defaultSlug) ? { defaultSlug: m.defaultSlug } : {}) }
    case 'accountStatus':
      return isAccount(m.status) ? { type: 'accountStatus', status: m.status } : undefined
    case 'rejected':
      return { type: 'rejected', reason: isStr(m.reason) ? m.reason : '' }
    default:
      return undefined
  }
}
