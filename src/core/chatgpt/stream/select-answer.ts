import type { ReasoningProgress } from '../answer-update'
import type { MessageView } from './wire-message'

/** A message currently in the stream's trees, oldest install first. */
export interface MessageEntry {
  /** `c:<channel>` for delta roots, `m:<message id>` for legacy snapshots. */
  key: string
  view: MessageView
  /** Named by an `input_message` event: an echo of what was sent, never the answer. */
  isInputEcho: boolean
  /**
   * First seen (delta mode) already `finished_successfully`: history the 2026 backend replays
   * before the live turn. Live answers are always opened `in_progress`, so treating a replayed
   * one as the answer could report a previous turn's text as this turn's success.
   */
  isReplayed: boolean
}

/**
 * Picks the visible answer: an assistant `text` message to `all`, not hidden. A `final`-channel
 * message wins when there is one (2025+ streams); otherwise the latest candidate. `analysis` is
 * the hidden chain of thought and is never the answer.
 */
export function selectAnswer(entries: Iterable<MessageEntry>): MessageEntry | undefined {
  let latest: MessageEntry | undefined
  let latestFinal: MessageEntry | undefined
  for (const entry of entries) {
    if (!isAnswerCandidate(entry)) continue
    latest = entry
    if (entry.view.channel === 'final') latestFinal = entry
  }
  return latestFinal ?? latest
}

function isAnswerCandidate({ view, isInputEcho, isReplayed }: MessageEntry): boolean {
  return (
    view.role === 'assistant' &&
    (view.recipient === undefined || view.recipient === 'all') &&
    view.contentType === 'text' &&
    view.channel !== 'analysis' &&
    !view.isHidden &&
    !isInputEcho &&
    !isReplayed
  )
}

/**
 * Reasoning progress from the latest `thoughts` or `reasoning_recap` assistant message.
 * Replayed messages count: the 2026 backend sends this turn's recap already finished.
 */
export function selectReasoning(entries: Iterable<MessageEntry>): ReasoningProgress | undefined {
  let latest: MessageView | undefined
  for (const { view, isInputEcho } of entries) {
    if (isInputEcho || view.role !== 'assistant') continue
    if (view.contentType === 'thoughts' || view.contentType === 'reasoning_recap') latest = view
  }
  if (!latest) return undefined
  const progress: ReasoningProgress = {}
  if (latest.reasoningStatus !== undefined) progress.status = latest.reasoningStatus
  if (latest.reasoningSummary !== undefined) progress.summary = latest.reasoningSummary
  if (latest.finishedDurationSec !== undefined) progress.durationSec = latest.finishedDurationSec
  return progress
}
