/**
 * Sample data for component tests and for eyeballing every state: one thread per job status and
 * one error per ChatGptErrorCode. Plain data, no behaviour.
 */
import type { ChatGptErrorCode, SerializedChatGptError } from '../core/chatgpt/chatgpt-error'
import type { JobStatus, JobView, ModelChoice, ThreadViewModel } from './view-types'

/** A representative answer: headings, list, task list, table, code, quote, link. */
export const SAMPLE_MARKDOWN = [
  '## Summary',
  '',
  'Here is **bold**, *emphasis*, ~~struck~~ and `inline code`. See [the docs](https://example.com/docs).',
  '',
  '1. First',
  '2. Second',
  '   - nested',
  '',
  '- [x] done',
  '- [ ] to do',
  '',
  '| Name | Value |',
  '| :--- | ----: |',
  '| a | 1 |',
  '',
  '```ts',
  'const answer: number = 42 // the answer',
  '```',
  '',
  '> A quote.',
  '',
  '---',
  '',
  'The end.',
].join('\n')

export const FIXTURE_MODELS: ModelChoice[] = [
  { slug: 'auto', title: 'Auto' },
  { slug: 'gpt-4o', title: 'GPT-4o' },
  { slug: 'o4-mini', title: 'o4-mini' },
]

export const ALL_STATUSES: readonly JobStatus[] = ['queued', 'requesting', 'streaming', 'complete', 'interrupted', 'failed', 'stopped']

/** One sample error per code (rate-limited carries a reset time an hour from `now`). */
export function errorFixture(code: ChatGptErrorCode, now = Date.now()): SerializedChatGptError {
  const base = { code, message: `fixture ${code}` }
  if (code === 'rate-limited') return { ...base, status: 429, retryAt: now + 60 * 60 * 1000 }
  if (code === 'server') return { ...base, status: 502, serverMessage: 'Bad gateway' }
  return base
}

export const ALL_ERROR_CODES = [
  'not-logged-in', 'cloudflare-check', 'human-check-required', 'unusual-activity', 'relay-unavailable', 'token-expired',
  'rate-limited', 'one-at-a-time', 'conversation-not-found', 'too-long', 'moderation', 'network',
  'server', 'interrupted', 'aborted', 'unknown',
] as const satisfies readonly ChatGptErrorCode[]

// A code added to ChatGptErrorCode but not above fails here, so fixtures (and tests) keep up.
type MissingCode = Exclude<ChatGptErrorCode, (typeof ALL_ERROR_CODES)[number]>
export const ALL_CODES_COVERED: [MissingCode] extends [never] ? true : never = true

let nextId = 1

/** A job with sensible defaults for `status`. */
export function jobFixture(status: JobStatus, overrides: Partial<JobView> = {}): JobView {
  const hasText = status === 'streaming' || status === 'complete' || status === 'interrupted' || status === 'stopped'
  return {
    jobId: `job-${nextId++}`,
    prompt: 'What is markdown?',
    status,
    text: hasText ? SAMPLE_MARKDOWN : '',
    ...(status === 'complete' ? { finishReason: 'stop' } : {}),
    ...(status === 'failed' ? { error: errorFixture('network') } : {}),
    ...overrides,
  }
}

/** A thread whose earlier turn is complete and whose last turn has `status`. */
export function threadFixture(status: JobStatus, overrides: Partial<JobView> = {}): ThreadViewModel {
  return {
    threadKey: 'popup',
    conversationId: 'c0ffee00-0000-4000-8000-000000000001',
    jobs: [jobFixture('complete', { prompt: 'Hello' }), jobFixture(status, overrides)],
  }
}

/** A thread whose last job failed with `code`. */
export function errorThreadFixture(code: ChatGptErrorCode): ThreadViewModel {
  return threadFixture('failed', { error: errorFixture(code) })
}

/** One sample thread per job status, for a fixtures page or a quick look at every state. */
export function threadsByStatus(): Record<JobStatus, ThreadViewModel> {
  return Object.fromEntries(ALL_STATUSES.map((status) => [status, threadFixture(status)])) as Record<JobStatus, ThreadViewModel>
}

/** One sample failed thread per error code. */
export function threadsByError(): Record<ChatGptErrorCode, ThreadViewModel> {
  return Object.fromEntries(ALL_ERROR_CODES.map((code) => [code, errorThreadFixture(code)])) as Record<ChatGptErrorCode, ThreadViewModel>
}

/** A fresh thread with no turns yet. */
export const EMPTY_THREAD: ThreadViewModel = { threadKey: 'popup', jobs: [] }
