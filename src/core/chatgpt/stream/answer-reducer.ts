import type { AnswerOutcome, AnswerUpdate, ReasoningProgress } from '../answer-update'
import { ChatGptError } from '../chatgpt-error'
import { isRecord } from './apply-delta-op'
import { toStreamError } from './classify-stream-error'
import type { ControlEvent } from './control-event'
import { createDeltaDecoder } from './delta-decoder'
import type { DeltaFrameResult } from './delta-decoder'
import { selectAnswer, selectReasoning } from './select-answer'
import type { MessageEntry } from './select-answer'
import type { SseEvent } from './sse-decoder'
import { messageOfRoot, viewMessage } from './wire-message'

/** Counters for diagnostics and resume; they never contain stream content. */
export interface ReducerStats {
  /** SSE events consumed, not counting empty `data:` and `[DONE]`: the HTTP resume `offset`. */
  events: number
  /** Frames that were malformed JSON or whose ops could not be applied (F10), in whole or part. */
  skippedFrames: number
  /** Well-formed frames of a shape the decoder does not know (F9). */
  ignoredFrames: number
  controlEvents: number
}

/** Options for {@link createAnswerReducer}. */
export interface AnswerReducerOptions {
  /** Every `{"type": …}` frame, untranslated (resume tokens, handoffs, markers…). */
  onControlEvent?: (event: ControlEvent) => void
  /** Clock for `retryAt` on rate-limit errors; injectable for tests. */
  now?: () => number
}

const TEXT_PATH = ['message', 'content', 'parts', '0'] as const
const EMPTY_UPDATE: AnswerUpdate = { textSoFar: '', appended: '', replaced: false }

/**
 * The pure heart of the decoder: SSE events in, {@link AnswerUpdate}s out. Accepts legacy
 * cumulative snapshots and delta encoding v1 in the same stream state (protocol.md §7.2–7.4).
 * `apply` returns an update only when something the UI shows changed, and throws a
 * {@link ChatGptError} for in-stream errors, blocked moderation and unknown encodings. Malformed
 * frames are counted and skipped, never thrown (F10).
 */
export function createAnswerReducer(options: AnswerReducerOptions = {}) {
  const { onControlEvent, now = Date.now } = options
  const delta = createDeltaDecoder()
  /** Messages in install order; delta roots keyed `c:<n>`, legacy snapshots `m:<id>`. */
  const entries = new Map<string, MessageEntry>()
  const inputEchoIds = new Set<string>()
  /** Per message id: was it already finished when first seen (a replayed history message)? */
  const firstSeenFinished = new Map<string, boolean>()
  const stats: ReducerStats = { events: 0, skippedFrames: 0, ignoredFrames: 0, controlEvents: 0 }
  let corroborated = false
  let conversationId: string | undefined
  let title: string | undefined
  let serverModel: string | undefined
  let last: AnswerUpdate = EMPTY_UPDATE
  let answerKey: string | undefined

  function apply(event: SseEvent): AnswerUpdate | undefined {
    // Padding spaces after the JSON are normal on the wire (protocol.md §7.1).
    const data = event.data.trim()
    if (event.event === 'delta_encoding') {
      stats.events++
      checkEncoding(data)
      return undefined
    }
    if (data === '') return undefined
    if (data === '[DONE]') {
      corroborated = true
      return undefined
    }
    stats.events++
    let frame: unknown
    try {
      frame = JSON.parse(data)
    } catch {
      stats.skippedFrames++
      return undefined
    }
    if (!isRecord(frame)) {
      stats.skippedFrames++
      return undefined
    }
    if (typeof frame.type === 'string') return applyControl(frame.type, frame)
    if ('v' in frame) return applyDelta(frame)
    throwIfError(frame, now)
    throwIfBlocked(frame.moderation_response)
    noteConversationId(frame.conversation_id)
    // Legacy (2023-24) `{conversation_id, message_id, is_completion: true, moderation_response}`.
    if (frame.is_completion === true) corroborated = true
    else if ('message' in frame) applyLegacySnapshot(frame.message)
    else stats.ignoredFrames++
    return emitIfChanged()
  }

  function checkEncoding(data: string): void {
    let value: unknown = data
    try {
      value = JSON.parse(data)
    } catch {
      // An early test wrote `data: v1` unquoted; the real stream quotes it. Accept both.
    }
    if (value !== 'v1') {
      throw new ChatGptError('unknown', 'ChatGPT answered in a stream encoding this version does not understand.', {
        serverMessage: `delta_encoding ${data.slice(0, 40)}`,
      })
    }
  }

  function applyControl(type: string, frame: Record<string, unknown>): AnswerUpdate | undefined {
    stats.controlEvents++
    const frameConversationId = typeof frame.conversation_id === 'string' ? frame.conversation_id : undefined
    noteConversationId(frameConversationId)
    onControlEvent?.({ type, ...(frameConversationId ? { conversationId: frameConversationId } : {}), payload: frame })
    switch (type) {
      case 'title_generation':
        if (typeof frame.title === 'string') title = frame.title
        break
      case 'message_stream_complete':
        corroborated = true
        break
      case 'input_message':
        if (isRecord(frame.input_message) && typeof frame.input_message.id === 'string') markInputEcho(frame.input_message.id)
        break
      case 'server_ste_metadata':
        if (isRecord(frame.metadata) && typeof frame.metadata.model_slug === 'string') serverModel = frame.metadata.model_slug
        break
      case 'moderation':
        throwIfBlocked(frame.moderation_response)
        break
      case 'error':
        // No capture of a typed error frame yet; it is read like the untyped in-stream error.
        throw toStreamError(frame.error ?? frame.message ?? frame, frame.error_code ?? frame.code, now)
      default:
        // Markers, handoffs, quota banners and new types are for onControlEvent only.
        break
    }
    return emitIfChanged()
  }

  function applyDelta(frame: Record<string, unknown>): AnswerUpdate | undefined {
    const result = delta.applyFrame(frame)
    if (result.skipped > 0) stats.skippedFrames++
    const key = `c:${result.channel}`
    const root = delta.roots.get(result.channel)
    if (root === undefined) {
      entries.delete(key)
    } else if (result.installedRoot || result.touched.length > 0) {
      if (isRecord(root)) {
        throwIfError(root, now)
        noteConversationId(root.conversation_id)
      }
      if (result.installedRoot) entries.delete(key) // re-inserting moves it to the end: latest install
      setEntry(key, root, true)
    }
    return emitIfChanged(result)
  }

  function applyLegacySnapshot(message: unknown): void {
    if (!isRecord(message) || typeof message.id !== 'string') {
      stats.ignoredFrames++
      return
    }
    // The latest snapshot of each id wins; the id keeps its first position, like a tree node.
    setEntry(`m:${message.id}`, { message }, false)
  }

  function setEntry(key: string, root: unknown, isDelta: boolean): void {
    const message = messageOfRoot(root)
    if (!message) {
      entries.delete(key)
      return
    }
    const view = viewMessage(message)
    let isReplayed = false
    if (view.id !== undefined) {
      if (isDelta && !firstSeenFinished.has(view.id)) firstSeenFinished.set(view.id, view.status === 'finished_successfully')
      isReplayed = firstSeenFinished.get(view.id) === true
    }
    entries.set(key, { key, view, isInputEcho: view.id !== undefined && inputEchoIds.has(view.id), isReplayed })
  }

  function markInputEcho(id: string): void {
    inputEchoIds.add(id)
    for (const entry of entries.values()) if (entry.view.id === id) entry.isInputEcho = true
  }

  function noteConversationId(id: unknown): void {
    if (typeof id === 'string' && id !== '') conversationId = id
  }

  /** Builds the next update if anything visible changed; appends are detected without rescans. */
  function emitIfChanged(frame?: DeltaFrameResult): AnswerUpdate | undefined {
    const answer = selectAnswer(entries.values())
    const view = answer?.view
    const textSoFar = view?.text ?? ''
    const messageId = view?.id
    let appended = ''
    let replaced = false
    if (messageId !== last.messageId) {
      // A different assistant message is now the answer: UIs redraw from textSoFar.
      if (last.messageId !== undefined || last.textSoFar !== '') replaced = true
      else appended = textSoFar
    } else {
      const fast = frame && answer?.key === answerKey && answerKey === `c:${frame.channel}` ? appendedByFrame(frame) : undefined
      // The length check is O(1) and catches ops that reshaped `parts` around the text.
      if (fast !== undefined && textSoFar.length === last.textSoFar.length + fast.length) {
        appended = fast
      } else if (textSoFar !== last.textSoFar) {
        // Legacy snapshots and non-append ops: compare once. Delta text appends never get here.
        if (textSoFar.length > last.textSoFar.length && textSoFar.startsWith(last.textSoFar)) appended = textSoFar.slice(last.textSoFar.length)
        else replaced = true
      }
    }
    answerKey = answer?.key
    const model = view?.model ?? serverModel
    const finishReason = view?.finishType
    const reasoning = selectReasoning(entries.values())
    const changed =
      appended !== '' ||
      replaced ||
      messageId !== last.messageId ||
      conversationId !== last.conversationId ||
      title !== last.title ||
      model !== last.model ||
      finishReason !== last.finishReason ||
      !sameReasoning(reasoning, last.reasoning)
    if (!changed) return undefined
    const update: AnswerUpdate = { textSoFar, appended, replaced }
    if (conversationId !== undefined) update.conversationId = conversationId
    if (messageId !== undefined) update.messageId = messageId
    if (title !== undefined) update.title = title
    if (model !== undefined) update.model = model
    if (finishReason !== undefined) update.finishReason = finishReason
    if (reasoning !== undefined) update.reasoning = reasoning
    last = update
    return update
  }

  /**
   * Completion rule (protocol.md §7.4): the answer is `finished_successfully` with `end_turn`
   * (or stopped at `max_tokens`, where Continue applies) AND the stream said so too
   * (`message_stream_complete`, `[DONE]` or legacy `is_completion`). Anything else is interrupted.
   */
  function outcome(): AnswerOutcome {
    const view = selectAnswer(entries.values())?.view
    const finished = view?.status === 'finished_successfully' && (view.endTurn || view.finishType === 'max_tokens')
    return { kind: finished && corroborated ? 'complete' : 'interrupted', last }
  }

  return {
    apply,
    outcome,
    /** A copy of the counters. */
    stats: (): ReducerStats => ({ ...stats }),
  }
}

export type AnswerReducer = ReturnType<typeof createAnswerReducer>

/**
 * The text a delta frame appended to the answer, when appends to `parts[0]` are all it did to
 * the text; `undefined` when the text may have changed any other way (then the caller compares).
 */
function appendedByFrame(frame: DeltaFrameResult): string | undefined {
  let appended = ''
  for (const { path, op, appendedText } of frame.touched) {
    // Only ops on parts/0 or one of its ancestors can change the text.
    const affectsText = path.length <= TEXT_PATH.length && path.every((token, i) => token === TEXT_PATH[i])
    if (!affectsText) continue
    if (path.length === TEXT_PATH.length && op === 'append' && appendedText !== undefined) appended += appendedText
    else return undefined
  }
  return appended
}

function throwIfError(frame: Record<string, unknown>, now: () => number): void {
  if (isPresent(frame.error) || isPresent(frame.error_code)) throw toStreamError(frame.error, frame.error_code, now)
}

function throwIfBlocked(moderation: unknown): void {
  if (isRecord(moderation) && moderation.blocked === true) {
    throw new ChatGptError('moderation', 'ChatGPT blocked this answer under its content policy.', {})
  }
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && value !== false
}

function sameReasoning(a: ReasoningProgress | undefined, b: ReasoningProgress | undefined): boolean {
  if (a === undefined || b === undefined) return a === b
  return a.status === b.status && a.summary === b.summary && a.durationSec === b.durationSec
}
