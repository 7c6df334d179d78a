/**
 * The one typed protocol between UIs (popup, overlay iframe, chat page) and the service worker.
 * UIs send intents over a `runtime.connect({ name: UI_PORT_NAME })` port and receive text and
 * states. No credential ever crosses this boundary: the worker owns the network and the token.
 *
 * Direction: `UiRequest` UI → background, `BackgroundEvent` background → UI.
 */
import type { SerializedChatGptError } from '../../core/chatgpt/chatgpt-error'
import type { TransportUse } from '../../core/chatgpt/transport/transport'
import type { PrivacyMode } from '../settings'

export const UI_PORT_NAME = 'ask-anywhere-ui'

/** Which surface a thread belongs to; the privacy default and the disconnect rule depend on it. */
export type Surface = 'popup' | 'selection' | 'omnibox' | 'chat-page'

export type JobStatus =
  | 'queued' // waiting for the account's one-answer-at-a-time slot
  | 'requesting' // token / sentinel / POST in flight, no answer byte yet
  | 'streaming'
  | 'complete'
  | 'interrupted' // the stream ended without the completion signal
  | 'failed'
  | 'stopped' // the user (or a closed tab) stopped it

export type SendAction = 'next' | 'variant' | 'continue'

/**
 * Why an answer's stream was lost (threats-and-faults F3, F6, F7, F18): the extension restarted,
 * the browser restarted, the connection stalled, or it was cut.
 */
export type JobRecovery = 'worker-restart' | 'browser-restart' | 'stalled' | 'cut'

/** One question and its answer as the UI shows it. */
export interface JobSnapshot {
  jobId: string
  threadKey: string
  action: SendAction
  prompt: string
  status: JobStatus
  /** The whole answer text so far. */
  text: string
  /** Deltas up to and including this `seq` are already in `text`; apply only later ones. */
  seq?: number
  conversationId?: string
  /** Assistant message id once known. */
  messageId?: string
  model?: string
  /** `max_tokens` means the UI offers Continue. */
  finishReason?: string
  error?: SerializedChatGptError
  /** The stream was lost and the answer is (being) read back from ChatGPT; the UI says why. */
  recovery?: JobRecovery
  /** Rate limited before the answer started: the worker asks again by itself at this time (epoch ms). */
  retryAt?: number
  /** "Check result" found no finished answer on ChatGPT at this time (epoch ms). */
  checkedAt?: number
  /** Set when this answer's requests went through a chatgpt.com tab (issue 11), and why. */
  transport?: TransportUse
  createdAt: number
  updatedAt: number
}

/** A conversation thread: one per client key (the popup, each tab's overlay, each chat page). */
export interface ThreadView {
  threadKey: string
  surface: Surface
  conversationId?: string
  parentMessageId?: string
  title?: string
  model?: string
  /** The mode the conversation was started under; only a kept one has a page on chatgpt.com. */
  privacy?: PrivacyMode
  /** Oldest first. Each job is one user turn and its answer. */
  jobs: JobSnapshot[]
}

export type { ModelOption } from '../../core/chatgpt/models'
import type { ModelOption } from '../../core/chatgpt/models'

/** Why the worker can't talk to ChatGPT right now, if it can't. */
export interface AccountStatus {
  loggedIn: boolean
  error?: SerializedChatGptError
}

export type UiRequest =
  /** Open (or create) a thread and receive `thread` plus live events for its jobs. */
  | { type: 'openThread'; threadKey: string; surface: Surface }
  | { type: 'ask'; threadKey: string; prompt: string; model?: string }
  | { type: 'regenerate'; threadKey: string }
  | { type: 'continue'; threadKey: string }
  | { type: 'stop'; jobId: string }
  /** Retry a failed/interrupted job's question (e.g. after logging in): a fresh send. */
  | { type: 'retry'; jobId: string }
  /** An interrupted answer: read it from ChatGPT's copy of the conversation (never re-sends). */
  | { type: 'checkResult'; jobId: string }
  /** New chat: forget conversation_id and parent_message_id (NChatGPTRev's ResetConversation). */
  | { type: 'newChat'; threadKey: string }
  | { type: 'getModels' }
  | { type: 'getAccountStatus' }
  /** The user started typing: warm the token and sentinel so the send is instant. */
  | { type: 'prewarm' }
  /** Local history (issue 7): threads newest first, filtered by words of titles, prompts and answers. */
  | { type: 'listHistory'; query?: string }
  | { type: 'deleteThread'; threadKey: string }
  | { type: 'deleteAllHistory' }
  /** Answered with `historyExport` (Markdown). */
  | { type: 'exportThread'; threadKey: string }
  | { type: 'exportAll' }
  /** Options page: session → token → sentinel → a tiny test question, each step reported. */
  | { type: 'connectionCheck' }

export type BackgroundEvent =
  | { type: 'thread'; thread: ThreadView }
  /** A full snapshot of one job (sent on subscribe and on every status change). */
  | { type: 'job'; job: JobSnapshot }
  /**
   * Text appended to a streaming job. `seq` increases by one per delta of that job; the worker may
   * merge consecutive deltas into one message (port-hub.ts), which then covers `fromSeq`..`seq`.
   */
  | { type: 'delta'; jobId: string; seq: number; appended: string; fromSeq?: number }
  | { type: 'models'; models: ModelOption[]; defaultSlug?: string }
  | { type: 'accountStatus'; status: AccountStatus }
  /** A request the worker refused (malformed, unknown thread...). */
  | { type: 'rejected'; reason: string }

/** One thread as the history list shows it. */
export interface HistoryEntry {
  threadKey: string
  /** From ChatGPT's `title_generation`, else the first question; '' when neither exists. */
  title: string
  surface: Surface
  model?: string
  privacy: PrivacyMode
  conversationId?: string
  /** Questions asked in this thread. */
  turns: number
  createdAt: number
  updatedAt: number
  /** Around the first search hit, when the list was searched. */
  snippet?: string
}

export type ConnectionStepId = 'session' | 'token' | 'sentinel' | 'question'

export interface ConnectionStep {
  id: ConnectionStepId
  /** `not-needed`: this protocol generation has no such step. `skipped`: an earlier step failed. */
  status: 'pending' | 'running' | 'passed' | 'not-needed' | 'failed' | 'skipped'
  error?: SerializedChatGptError
}

/**
 * Replies to the history and connection-check requests. Kept apart from `BackgroundEvent` so the
 * chat surfaces, which switch over that union exhaustively, are not affected by them.
 */
export type HistoryEvent =
  | { type: 'history'; query: string; entries: HistoryEntry[] }
  | { type: 'historyExport'; filename: string; markdown: string }
  | { type: 'connectionCheck'; steps: ConnectionStep[] }
