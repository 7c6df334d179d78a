/**
 * What the stream decoder tells the rest of the product, in domain terms (camelCase).
 * Wire shapes stay in the decoder; this is the translated view every layer above sees.
 */
export interface AnswerUpdate {
  /** The whole visible answer text so far (final-channel assistant message, parts[0]). */
  textSoFar: string
  /**
   * The part appended since the previous update. When `replaced` is true the text did not grow
   * by appending (a new assistant message started, or a truncate), and UIs must redraw from
   * `textSoFar`.
   */
  appended: string
  replaced: boolean
  conversationId?: string
  /** Id of the assistant message being streamed: the next turn's `parent_message_id`. */
  messageId?: string
  title?: string
  /** The model that actually answered (`resolved_model_slug` / `model_slug`). */
  model?: string
  /** `stop`, `max_tokens` (offer Continue), `interrupted`, or what the server said. */
  finishReason?: string
  /** Reasoning ("thinking") progress, when the model reports it. */
  reasoning?: ReasoningProgress
}

export interface ReasoningProgress {
  /** e.g. `reasoning_started`, `reasoning_ended`. */
  status?: string
  /** Latest thought summary headline, or the recap text ("Thought for 12s"). */
  summary?: string
  durationSec?: number
}

/** How a stream ended. EOF without the completion signal is `interrupted`, never success. */
export type AnswerOutcome =
  | { kind: 'complete'; last: AnswerUpdate }
  | { kind: 'interrupted'; last: AnswerUpdate }
