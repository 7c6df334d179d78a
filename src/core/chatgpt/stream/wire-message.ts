import { isRecord } from './apply-delta-op'

/**
 * The camelCase view of one wire `message` object (`{id, author:{role}, content, status, …}`).
 * This file is the only place in the decoder that spells ChatGPT's snake_case message fields.
 * Every field is optional: the server adds, renames and drops fields without notice (F12).
 */
export interface MessageView {
  id?: string
  role?: string
  /** `all` for the user-visible stream; tool calls name their tool. Absent/null means `all`. */
  recipient?: string
  /** `final`, `analysis`, `commentary`… (2025+); absent/null in older streams. */
  channel?: string
  contentType?: string
  status?: string
  endTurn: boolean
  /** `content.parts[0]` when it is a string: the answer text of a `text` message. */
  text?: string
  isHidden: boolean
  /** `resolved_model_slug ?? model_slug`: the model that actually answered. */
  model?: string
  /** `metadata.finish_details.type`: `stop`, `max_tokens`, `interrupted`… */
  finishType?: string
  reasoningStatus?: string
  finishedDurationSec?: number
  /** `reasoning_recap` text ("Thought for 12s") or the latest `thoughts[].summary`. */
  reasoningSummary?: string
}

/** Reads `root.message` (delta roots and legacy snapshots both wrap the message this way). */
export function messageOfRoot(root: unknown): Record<string, unknown> | undefined {
  return isRecord(root) && isRecord(root.message) ? root.message : undefined
}

/** Builds the view; cheap (no copying of text, which stays the same string reference). */
export function viewMessage(message: Record<string, unknown>): MessageView {
  const author = isRecord(message.author) ? message.author : undefined
  const content = isRecord(message.content) ? message.content : undefined
  const metadata = isRecord(message.metadata) ? message.metadata : undefined
  const contentType = stringOf(content?.content_type)
  const parts = content?.parts
  const firstPart: unknown = Array.isArray(parts) ? parts[0] : undefined
  const finishDetails = isRecord(metadata?.finish_details) ? metadata.finish_details : undefined
  const duration = metadata?.finished_duration_sec
  return {
    id: stringOf(message.id),
    role: stringOf(author?.role),
    recipient: stringOf(message.recipient),
    channel: stringOf(message.channel),
    contentType,
    status: stringOf(message.status),
    endTurn: message.end_turn === true,
    text: typeof firstPart === 'string' ? firstPart : undefined,
    isHidden: metadata?.is_visually_hidden_from_conversation === true,
    model: stringOf(metadata?.resolved_model_slug) ?? stringOf(metadata?.model_slug),
    finishType: stringOf(finishDetails?.type),
    reasoningStatus: stringOf(metadata?.reasoning_status),
    finishedDurationSec: typeof duration === 'number' && Number.isFinite(duration) ? duration : undefined,
    reasoningSummary: contentType === 'reasoning_recap' ? stringOf(content?.content) : latestThoughtSummary(content?.thoughts),
  }
}

/** The last non-empty `summary` in a `thoughts` array (`content_type: "thoughts"`). */
function latestThoughtSummary(thoughts: unknown): string | undefined {
  if (!Array.isArray(thoughts)) return undefined
  for (let i = thoughts.length - 1; i >= 0; i--) {
    const thought: unknown = thoughts[i]
    const summary = isRecord(thought) ? stringOf(thought.summary) : undefined
    if (summary) return summary
  }
  return undefined
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}
