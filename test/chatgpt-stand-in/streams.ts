/**
 * Composes the SSE body of one turn, per era (protocol.md §7, fixtures in
 * test/fixtures/chatgpt-streams):
 *
 * - 2023: legacy cumulative snapshots, Python separators, assistant only, then an `is_completion`
 *   moderation event and `[DONE]` (the 2023-12 capture).
 * - 2024 without `supported_encodings:["v1"]`: legacy snapshots with system + user echo first
 *   (ml-demo legacy capture). With "v1": the ml-demo delta shape (`p:"" o:add c:0` assistant,
 *   one explicit append then bare `{"v":…}` frames, terminal status patch, metadata append, an
 *   empty `data: ` event, `[DONE]`).
 * - 2025: the 2025-03 capture shape: system `c:0`, user `c:1`, assistant `c:2`, explicit append
 *   then bare frames with `: ping` comments, terminal patch carrying the last text, then
 *   `message_stream_complete`, `title_generation`, `conversation_detail_metadata`, `[DONE]`.
 * - 2026: the k1liang-s1/s3 shape: compact JSON, `resume_conversation_token`, system echo `c:0`,
 *   user echo + `input_message`, `title_generation`, optional thoughts + `reasoning_recap`,
 *   final-channel assistant with `message_marker`s, bare `{"v":…}` frames, terminal patch, a lone
 *   metadata replace, `server_ste_metadata`, `message_stream_complete`,
 *   `conversation_detail_metadata`, `[DONE]`.
 *
 * Non-ASCII is `\uXXXX`-escaped (as every capture) unless rawUtf8; data lines of delta frames carry
 * trailing spaces; a new root object is sent as a bare `{"v":{message},"c":n}` only when the
 * carried-forward p/o are `""`/`add`, else with explicit `p`/`o`.
 */
import type { Era, StoredMessage } from './types'
import { dumps, pingTimestamp, prng, uuid } from './util'
import type { JsonStyle } from './util'

export interface ComposeInput {
  era: Era
  encoding: 'legacy' | 'v1'
  conversationId: string
  rawUtf8: boolean
  crlf: boolean
  system: StoredMessage | null
  user: StoredMessage | null
  reasoning: { thoughts: StoredMessage; recap: StoredMessage; thoughtText: string } | null
  /** Initial form: status in_progress, parts [""]. */
  assistant: StoredMessage
  text: string
  tokensPerFrame: number
  finishReason: 'stop' | 'max_tokens'
  /** Emit title_generation (2025/2026, first turn). */
  title: string | null
  resumeToken: string | null
  requestId: string
  turnExchangeId: string
  modelSlug: string
  isFirstTurn: boolean
}

export interface Frame {
  text: string
  /** Answer characters (UTF-16) the client knows after this frame. */
  answerLen: number
}

export interface ComposedStream {
  frames: Frame[]
  /** Frames that end the stream when a stop arrives after answerLen characters. */
  interruptFrames(answerLen: number): string[]
  errorFrame(message: string): string
}

export function finishDetails(era: Era, reason: 'stop' | 'max_tokens' | 'interrupted'): Record<string, unknown> {
  if (reason === 'stop') return { type: 'stop', stop_tokens: [era === '2023' ? 100260 : 200002] }
  return { type: reason }
}

/** Split into pieces of n UTF-16 code units without splitting a surrogate pair. */
export function splitText(text: string, n: number): string[] {
  const size = Math.max(1, Math.floor(n))
  const out: string[] = []
  let i = 0
  while (i < text.length) {
    let end = Math.min(text.length, i + size)
    const last = text.charCodeAt(end - 1)
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += 1
    out.push(text.slice(i, end))
    i = end
  }
  return out
}

export function finalAssistant(input: Pick<ComposeInput, 'era' | 'assistant' | 'finishReason'>, text: string): StoredMessage {
  const a = input.assistant
  return {
    ...a,
    content: { ...a.content, parts: [text] },
    status: 'finished_successfully',
    end_turn: input.finishReason !== 'max_tokens',
    metadata: { ...a.metadata, finish_details: finishDetails(input.era, input.finishReason), is_complete: true },
  }
}

export function compose(input: ComposeInput): ComposedStream {
  const style: JsonStyle = { spaced: input.era !== '2026', ascii: !input.rawUtf8 }
  const rand = prng(input.conversationId + input.assistant.id)
  const nl = (s: string): string => (input.crlf ? s.replace(/\n/g, '\r\n') : s)
  const pad = (max: number): string => ' '.repeat(Math.floor(rand() * (max + 1)))
  const J = (v: unknown): string => dumps(v, style)
  const data = (payload: string, event?: string, padMax = 0): string =>
    nl(`${event ? `event: ${event}\n` : ''}data: ${payload}${padMax > 0 ? pad(padMax) : ''}\n\n`)
  const ping = (): string => nl(`: ping - ${pingTimestamp()}\n\n`)
  const done = (): string => nl('data: [DONE]\n\n')
  const errorFrame = (message: string): string =>
    data(J({ message: null, conversation_id: input.conversationId, error: message }))
  const pieces = splitText(input.text, input.tokensPerFrame)
  return input.encoding === 'legacy'
    ? composeLegacy(input, pieces, { J, data, done, errorFrame })
    : composeDelta(input, pieces, { J, data, done, ping, errorFrame })
}

interface Helpers {
  J(v: unknown): string
  data(payload: string, event?: string, padMax?: number): string
  done(): string
  errorFrame(message: string): string
}

function composeLegacy(input: ComposeInput, pieces: string[], h: Helpers): ComposedStream {
  const { J, data, done } = h
  const cid = input.conversationId
  const frames: Frame[] = []
  const padMax = input.era === '2023' ? 0 : 28
  const snap = (message: StoredMessage): string => data(J({ message, conversation_id: cid, error: null }), undefined, padMax)
  if (input.era !== '2023') {
    if (input.system) frames.push({ text: snap(input.system), answerLen: 0 })
    if (input.user) frames.push({ text: snap(input.user), answerLen: 0 })
  }
  frames.push({ text: snap(input.assistant), answerLen: 0 })
  let acc = ''
  for (const piece of pieces) {
    acc += piece
    frames.push({ text: snap({ ...input.assistant, content: { ...input.assistant.content, parts: [acc] } }), answerLen: acc.length })
  }
  frames.push({ text: snap(finalAssistant(input, input.text)), answerLen: input.text.length })
  if (input.era === '2023') {
    frames.push({
      text: data(
        J({
          conversation_id: cid,
          message_id: input.assistant.id,
          is_completion: true,
          moderation_response: { flagged: false, blocked: false, moderation_id: `modr-${uuid().replace(/-/g, '').slice(0, 29)}` },
        }),
      ),
      answerLen: input.text.length,
    })
  }
  frames.push({ text: done(), answerLen: input.text.length })
  return {
    frames,
    errorFrame: h.errorFrame,
    interruptFrames(answerLen) {
      const partial = input.text.slice(0, answerLen)
      const msg = finalAssistant(input, partial)
      msg.end_turn = false
      msg.metadata = { ...msg.metadata, finish_details: finishDetails(input.era, 'interrupted') }
      return [snap(msg), done()]
    },
  }
}

function composeDelta(input: ComposeInput, pieces: string[], h: Helpers & { ping(): string }): ComposedStream {
  const { J, data, done, ping } = h
  const era = input.era
  const cid = input.conversationId
  const frames: Frame[] = []
  let answerLen = 0
  const push = (text: string): void => {
    frames.push({ text, answerLen })
  }
  // Carry-forward state of the client's decoder (p and o of the previous op).
  let carriedP: string | undefined
  let carriedO: string | undefined
  const root = (message: StoredMessage, c: number): Record<string, unknown> => {
    const v: Record<string, unknown> = { message, conversation_id: cid, error: null }
    if (era === '2026') v.error_code = null
    const frame: Record<string, unknown> = carriedP === '' && carriedO === 'add' ? { v, c } : { p: '', o: 'add', v, c }
    carriedP = ''
    carriedO = 'add'
    return frame
  }
  const op = (p: string, o: string, v: unknown): Record<string, unknown> => {
    const frame: Record<string, unknown> = p === carriedP && o === carriedO ? { v } : carriedP === p ? { o, v } : { p, o, v }
    carriedP = p
    carriedO = o
    return frame
  }
  const delta = (frame: Record<string, unknown>): void => push(data(J(frame), 'delta', 7))
  const typed = (obj: Record<string, unknown>): void => push(data(J(obj)))
  const marker = (messageId: string, marker: string, event: string): void =>
    typed({ type: 'message_marker', conversation_id: cid, message_id: messageId, marker, event })

  push(data(J('v1'), 'delta_encoding'))
  let c = 0
  if (era === '2026' && input.resumeToken) {
    typed({ type: 'resume_conversation_token', kind: 'topic', token: input.resumeToken, conversation_id: cid })
  }
  if (era !== '2024') {
    if (input.system) delta(root(input.system, c++))
    if (input.user) {
      delta(root(input.user, c++))
      if (era === '2026') typed({ type: 'input_message', input_message: input.user, conversation_id: cid })
    }
    push(ping())
    if (era === '2026' && input.title) typed({ type: 'title_generation', title: input.title, conversation_id: cid })
  }
  if (era === '2026' && input.reasoning) {
    const { thoughts, recap, thoughtText } = input.reasoning
    marker(recap.id, 'cot_token', 'first')
    const thoughtsStart: StoredMessage = {
      ...thoughts,
      content: { ...thoughts.content, thoughts: [{ summary: 'Thinking it through', content: '', chunks: [], finished: false }] },
      status: 'in_progress',
    }
    delta(root(thoughtsStart, c++))
    for (const piece of splitText(thoughtText, Math.max(8, input.tokensPerFrame * 2))) {
      delta(op('/message/content/thoughts/0/content', 'append', piece))
    }
    delta(
      op('', 'patch', [
        { p: '/message/content/thoughts/0/finished', o: 'replace', v: true },
        { p: '/message/status', o: 'replace', v: 'finished_successfully' },
      ]),
    )
    delta(root(recap, c++))
  }
  const ac = era === '2024' ? 0 : c++
  delta(root(input.assistant, ac))
  if (era === '2026') {
    marker(input.assistant.id, 'user_visible_token', 'first')
    marker(input.assistant.id, 'final_channel_token', 'first')
  }
  const fd = finishDetails(era, input.finishReason)
  const endTurn = input.finishReason !== 'max_tokens'
  const TEXT = '/message/content/parts/0'
  // 2024 (ml-demo): all text in append frames, terminal patch without text.
  // 2025/2026: the last piece rides in the terminal patch.
  const streamed = era === '2024' ? pieces : pieces.slice(0, -1)
  const last = era === '2024' ? undefined : pieces[pieces.length - 1]
  streamed.forEach((piece, i) => {
    answerLen += piece.length
    delta(op(TEXT, 'append', piece))
    if (era !== '2024' && i > 0 && i % 20 === 0) push(ping())
  })
  if (era === '2024') {
    delta(op('', 'patch', [
      { p: '/message/status', o: 'replace', v: 'finished_successfully' },
      { p: '/message/end_turn', o: 'replace', v: endTurn },
    ]))
    delta(op('/message/metadata', 'append', { timestamp_: 'absolute', request_id: input.requestId, finish_details: fd, is_complete: true }))
    push(data(''))
    push(done())
  } else {
    const sub: Record<string, unknown>[] = []
    if (last !== undefined) {
      answerLen += last.length
      sub.push({ p: TEXT, o: 'append', v: last })
    }
    sub.push({ p: '/message/status', o: 'replace', v: 'finished_successfully' })
    sub.push({ p: '/message/end_turn', o: 'replace', v: endTurn })
    sub.push({
      p: '/message/metadata',
      o: 'append',
      v: era === '2026' ? { search_result_groups: [], is_complete: true, finish_details: fd, can_save: true } : { finish_details: fd, is_complete: true },
    })
    delta(op('', 'patch', sub))
    if (era === '2026') {
      marker(input.assistant.id, 'last_token', 'last')
      delta(op('/message/metadata/conversation_followup_suggestions_eligible', 'replace', true))
      typed({ type: 'server_ste_metadata', metadata: steMetadata(input) })
    }
    typed({ type: 'message_stream_complete', conversation_id: cid })
    if (era === '2025' && input.title) typed({ type: 'title_generation', title: input.title, conversation_id: cid })
    const detail: Record<string, unknown> = {
      type: 'conversation_detail_metadata',
      banner_info: null,
      blocked_features: [],
      model_limits: [],
      limits_progress: null,
      default_model_slug: input.modelSlug,
    }
    if (era === '2026') Object.assign(detail, { intended_default_model_slug: input.modelSlug, atlas_mode_enabled: null })
    detail.conversation_id = cid
    typed(detail)
    push(done())
  }

  return {
    frames,
    errorFrame: h.errorFrame,
    interruptFrames() {
      const out = [
        data(
          J({
            p: '',
            o: 'patch',
            v: [
              { p: '/message/status', o: 'replace', v: 'finished_successfully' },
              { p: '/message/end_turn', o: 'replace', v: false },
              { p: '/message/metadata', o: 'append', v: { finish_details: finishDetails(era, 'interrupted'), is_complete: true } },
            ],
          }),
          'delta',
        ),
      ]
      if (era !== '2024') out.push(data(J({ type: 'message_stream_complete', conversation_id: cid })))
      out.push(done())
      return out
    },
  }
}

function steMetadata(input: ComposeInput): Record<string, unknown> {
  return {
    server_ttfvt_ms: 812.5,
    conduit_prewarmed: false,
    plan_type: 'plus',
    plan_type_bucket: 'paid',
    user_agent: 'web_desktop',
    service: null,
    tool_name: null,
    tool_invoked: false,
    fast_convo: true,
    warmup_state: 'locked',
    is_first_turn: input.isFirstTurn,
    cluster_region: 'local',
    model_slug: input.modelSlug,
    requested_model_experience: input.reasoning ? 'thinking' : 'default',
    product_experience: 'chat',
    did_auto_switch_to_reasoning: false,
    is_search: null,
    did_prompt_contain_image: false,
    message_id: input.user?.id ?? null,
    request_id: input.requestId,
    turn_exchange_id: input.turnExchangeId,
    turn_trace_id: uuid(),
    resume_with_websockets: false,
    streaming_async_status: true,
    turn_use_case: 'text',
    turn_mode: 'default',
  }
}
