/**
 * The data shapes ui/ components take as props. They mirror the parts of
 * shared/messaging/protocol.ts the UI reads; lint keeps ui/ from importing messaging, so the
 * popup passing protocol values straight into these props is the compile-time check that the two
 * still agree (a new job status in the protocol fails `tsc` here until the UI handles it).
 */
import type { SerializedChatGptError } from '../core/chatgpt/chatgpt-error'
import type { TransportUse } from '../core/chatgpt/transport/transport'

export type JobStatus = 'queued' | 'requesting' | 'streaming' | 'complete' | 'interrupted' | 'failed' | 'stopped'

/** One question and its answer. */
export interface JobView {
  jobId: string
  prompt: string
  status: JobStatus
  /** The whole answer text so far. */
  text: string
  /** `max_tokens` means the UI offers Continue. */
  finishReason?: string
  error?: SerializedChatGptError
  /** Mirrors the protocol's JobRecovery: why the stream was lost, when it was. */
  recovery?: 'worker-restart' | 'browser-restart' | 'stalled' | 'cut'
  /** Rate limited: the worker asks again by itself at this time (epoch ms). */
  retryAt?: number
  /** "Check result" found nothing finished at this time (epoch ms). */
  checkedAt?: number
  /** Known once ChatGPT accepted the question: only then can a result be checked. */
  conversationId?: string
  /** Sent from a chatgpt.com tab because the direct path was refused: the UI says so. */
  transport?: TransportUse
}

/** A conversation thread as the UI shows it. */
export interface ThreadViewModel {
  threadKey: string
  conversationId?: string
  title?: string
  model?: string
  /** Oldest first. */
  jobs: readonly JobView[]
}

export interface ModelChoice {
  slug: string
  title: string
}

export interface AccountView {
  loggedIn: boolean
  error?: SerializedChatGptError
}

/** Statuses after which nothing more will stream into the job. */
export function isFinished(status: JobStatus): boolean {
  return status === 'complete' || status === 'interrupted' || status === 'failed' || status === 'stopped'
}
