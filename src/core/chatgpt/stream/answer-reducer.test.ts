import { describe, expect, it } from 'vitest'
import { ChatGptError } from '../chatgpt-error'
import { createAnswerReducer } from './answer-reducer'
import type { ControlEvent } from './control-event'

const frame = (data: unknown, event?: string) => ({ event, data: JSON.stringify(data) })
const V1 = { event: 'delta_encoding', data: '"v1"' }
const DONE = { data: '[DONE]' }
const STREAM_COMPLETE = frame({ type: 'message_stream_complete', conversation_id: 'conv' })

interface MessageInit {
  id: string
  role?: string
  text?: string
  status?: string
  endTurn?: boolean | null
  channel?: string | null
  recipient?: string
  contentType?: string
  metadata?: Record<string, unknown>
  content?: Record<string, unknown>
}

function message(init: MessageInit) {
  return {
    id: init.id,
    author: { role: init.role ?? 'assistant', name: null, metadata: {} },
    content: init.content ?? { content_type: init.contentType ?? 'text', parts: [init.text ?? ''] },
    status: init.status ?? 'in_progress',
    end_turn: init.endTurn ?? null,
    metadata: init.metadata ?? {},
    recipient: init.recipient ?? 'all',
    channel: init.channel ?? null,
  }
}

const snapshot = (init: MessageInit) => frame({ message: message(init), conversation_id: 'conv', error: null })
const root = (init: MessageInit, c: number, explicit = false) =>
  frame({ ...(explicit ? { p: '', o: 'add' } : {}), v: { message: message(init), conversation_id: 'conv', error: null, error_code: null }, c }, 'delta')

function thrown(fn: () => unknown): ChatGptError {
  try {
    fn()
  } catch (error) {
    if (error instanceof ChatGptError) return error
    throw error
  }
  throw new Error('expected a ChatGptError')
}

describe('createAnswerReducer: legacy cumulative snapshots', () => {
  it('turns cumulative parts[0] into appended suffixes, skipping system and user snapshots', () => {
    const reducer = createAnswerReducer()
    expect(reducer.apply(snapshot({ id: 's', role: 'system', status: 'finished_successfully' }))).toMatchObject({ textSoFar: '', conversationId: 'conv' })
    expect(reducer.apply(snapshot({ id: 'u', role: 'user', text: 'question', status: 'finished_successfully' }))).toBeUndefined()
    expect(reducer.apply(snapshot({ id: 'a', text: '' }))).toMatchObject({ messageId: 'a', textSoFar: '', replaced: false })
    expect(reducer.apply(snapshot({ id: 'a', text: 'Hel' }))).toMatchObject({ textSoFar: 'Hel', appended: 'Hel', replaced: false })
    expect(reducer.apply(snapshot({ id: 'a', text: 'Hello' }))).toMatchObject({ textSoFar: 'Hello', appended: 'lo', replaced: false })
    expect(reducer.apply(snapshot({ id: 'a', text: 'Hello' }))).toBeUndefined()
  })

  it('a new assistant message id, or text that stops being a prefix, is a replacement', () => {
    const reducer = createAnswerReducer()
    reducer.apply(snapshot({ id: 'a', text: 'First try' }))
    expect(reducer.apply(snapshot({ id: 'b', text: 'Sec' }))).toMatchObject({ messageId: 'b', textSoFar: 'Sec', appended: '', replaced: true })
    expect(reducer.apply(snapshot({ id: 'b', text: 'So' }))).toMatchObject({ textSoFar: 'So', replaced: true })
  })

  it('is complete only with a finished message and [DONE] or is_completion', () => {
    const finished = snapshot({ id: 'a', text: 'Hi', status: 'finished_successfully', endTurn: true, metadata: { finish_details: { type: 'stop' } } })
    const done = createAnswerReducer()
    done.apply(finished)
    expect(done.outcome().kind).toBe('interrupted')
    done.apply(DONE)
    expect(done.outcome()).toMatchObject({ kind: 'complete', last: { textSoFar: 'Hi', finishReason: 'stop' } })

    const completion = createAnswerReducer()
    completion.apply(finished)
    completion.apply(frame({ conversation_id: 'conv', message_id: 'a', is_completion: true, moderation_response: { flagged: false, blocked: false } }))
    expect(completion.outcome().kind).toBe('complete')

    const inProgress = createAnswerReducer()
    inProgress.apply(snapshot({ id: 'a', text: 'Hi' }))
    inProgress.apply(DONE)
    expect(inProgress.outcome().kind).toBe('interrupted')
  })

  it('skips tool messages and assistant messages addressed to a tool', () => {
    const reducer = createAnswerReducer()
    reducer.apply(snapshot({ id: 'a', text: 'Let me look.' }))
    reducer.apply(snapshot({ id: 'call', text: 'search("x")', recipient: 'browser', contentType: 'code' }))
    reducer.apply(snapshot({ id: 'tool', role: 'tool', text: 'results', contentType: 'text' }))
    expect(reducer.outcome().last).toMatchObject({ messageId: 'a', textSoFar: 'Let me look.' })
  })
})

describe('createAnswerReducer: delta encoding v1', () => {
  it('accepts the quoted and the unquoted v1 marker; any other encoding raises', () => {
    expect(createAnswerReducer().apply(V1)).toBeUndefined()
    expect(createAnswerReducer().apply({ event: 'delta_encoding', data: 'v1' })).toBeUndefined()
    const error = thrown(() => createAnswerReducer().apply({ event: 'delta_encoding', data: '"v2"' }))
    expect(error.code).toBe('unknown')
  })

  it('streams text through appends and reports exactly what was appended', () => {
    const reducer = createAnswerReducer()
    reducer.apply(V1)
    expect(reducer.apply(root({ id: 'a', metadata: { model_slug: 'gpt-4o' } }, 0, true))).toMatchObject({ messageId: 'a', model: 'gpt-4o', textSoFar: '' })
    expect(reducer.apply(frame({ p: '/message/content/parts/0', o: 'append', v: 'Hel' }))).toMatchObject({ textSoFar: 'Hel', appended: 'Hel' })
    expect(reducer.apply(frame({ v: 'lo' }))).toMatchObject({ textSoFar: 'Hello', appended: 'lo', replaced: false })
    // Metadata-only frames change nothing visible: no update.
    expect(reducer.apply(frame({ p: '/message/metadata/citations', o: 'replace', v: [] }))).toBeUndefined()
    expect(reducer.apply(frame({ p: '/message/content/parts/0', o: 'truncate', v: 4 }))).toMatchObject({ textSoFar: 'Hell', replaced: true })
    expect(reducer.apply(frame({ p: '/message/content/parts/0', o: 'replace', v: 'Hello there' }))).toMatchObject({ appended: 'o there', replaced: false })
  })

  it('finishes on the terminal patch and needs message_stream_complete or [DONE]', () => {
    const reducer = createAnswerReducer()
    reducer.apply(V1)
    reducer.apply(root({ id: 'a', channel: 'final' }, 0, true))
    const terminal = frame({
      o: 'patch',
      v: [
        { p: '/message/content/parts/0', o: 'append', v: 'Done.' },
        { p: '/message/status', o: 'replace', v: 'finished_successfully' },
        { p: '/message/end_turn', o: 'replace', v: true },
        { p: '/message/metadata', o: 'append', v: { finish_details: { type: 'stop' } } },
      ],
    })
    expect(reducer.apply(terminal)).toMatchObject({ textSoFar: 'Done.', appended: 'Done.', finishReason: 'stop' })
    expect(reducer.outcome().kind).toBe('interrupted')
    reducer.apply(STREAM_COMPLETE)
    expect(reducer.outcome().kind).toBe('complete')
  })

  it('counts max_tokens as finished (the user can Continue)', () => {
    const reducer = createAnswerReducer()
    reducer.apply(root({ id: 'a', text: 'Long', status: 'in_progress' }, 0, true))
    reducer.apply(frame({ p: '/message/status', o: 'replace', v: 'finished_successfully' }))
    reducer.apply(frame({ p: '/message/metadata', o: 'append', v: { finish_details: { type: 'max_tokens' } } }))
    reducer.apply(DONE)
    expect(reducer.outcome()).toMatchObject({ kind: 'complete', last: { finishReason: 'max_tokens' } })
  })

  it('prefers the final channel, and skips hidden, analysis, echoed and replayed messages', () => {
    const reducer = createAnswerReducer()
    reducer.apply(V1)
    reducer.apply(root({ id: 'sys', role: 'system', status: 'finished_successfully', metadata: { is_visually_hidden_from_conversation: true } }, 0, true))
    // History replayed before the live turn arrives already finished: never this turn's answer.
    reducer.apply(root({ id: 'old', text: 'Previous answer', status: 'finished_successfully', endTurn: true, channel: 'final' }, 1))
    reducer.apply(root({ id: 'hidden', text: 'hidden', metadata: { is_visually_hidden_from_conversation: true } }, 2))
    reducer.apply(root({ id: 'cot', text: 'thinking', channel: 'analysis' }, 3))
    reducer.apply(root({ id: 'echo', text: 'echo' }, 4))
    reducer.apply(frame({ type: 'input_message', input_message: { id: 'echo' }, conversation_id: 'conv' }))
    expect(reducer.outcome().last.messageId).toBeUndefined()
    reducer.apply(root({ id: 'pre', text: 'Preamble' }, 5))
    expect(reducer.outcome().last).toMatchObject({ messageId: 'pre', textSoFar: 'Preamble' })
    reducer.apply(root({ id: 'final', channel: 'final' }, 6))
    reducer.apply(root({ id: 'after', text: 'commentary after final', channel: 'commentary' }, 7))
    expect(reducer.outcome().last).toMatchObject({ messageId: 'final', textSoFar: '', replaced: true })
  })

  it('reports reasoning from thoughts and the recap', () => {
    const reducer = createAnswerReducer()
    reducer.apply(V1)
    reducer.apply(root({ id: 't', content: { content_type: 'thoughts', thoughts: [] }, metadata: { reasoning_status: 'is_reasoning' } }, 0, true))
    const update = reducer.apply(frame({ p: '/message/content/thoughts', o: 'append', v: [{ summary: 'Checking the graph', content: '…' }] }))
    expect(update?.reasoning).toEqual({ status: 'is_reasoning', summary: 'Checking the graph' })
    const recap = reducer.apply(
      root({ id: 'r', status: 'finished_successfully', content: { content_type: 'reasoning_recap', content: 'Thought for 12s' }, metadata: { reasoning_status: 'reasoning_ended', finished_duration_sec: 12 } }, 1),
    )
    expect(recap?.reasoning).toEqual({ status: 'reasoning_ended', summary: 'Thought for 12s', durationSec: 12 })
  })

  it('takes the model from the answer (resolved first), else from server_ste_metadata', () => {
    const reducer = createAnswerReducer()
    reducer.apply(frame({ type: 'server_ste_metadata', metadata: { model_slug: 'gpt-5' }, conversation_id: 'conv' }))
    expect(reducer.outcome().last.model).toBe('gpt-5')
    reducer.apply(root({ id: 'a', metadata: { model_slug: 'auto', resolved_model_slug: 'gpt-5-mini' } }, 0, true))
    expect(reducer.outcome().last.model).toBe('gpt-5-mini')
  })

  it('takes the title and conversation id from control events and passes every control event on', () => {
    const seen: ControlEvent[] = []
    const reducer = createAnswerReducer({ onControlEvent: (event) => seen.push(event) })
    reducer.apply(frame({ type: 'resume_conversation_token', kind: 'topic', token: 'secret', conversation_id: 'conv-1' }))
    expect(reducer.apply(frame({ type: 'title_generation', title: 'Ramsey numbers', conversation_id: 'conv-1' }))).toMatchObject({
      title: 'Ramsey numbers',
      conversationId: 'conv-1',
    })
    reducer.apply(frame({ type: 'stream_handoff', conversation_id: 'conv-1', options: [{ type: 'subscribe_ws_topic', topic_id: 't' }] }))
    reducer.apply(frame({ type: 'brand_new_event', conversation_id: 'conv-1' }))
    expect(seen.map((event) => event.type)).toEqual(['resume_conversation_token', 'title_generation', 'stream_handoff', 'brand_new_event'])
    expect(seen[0]).toMatchObject({ conversationId: 'conv-1', payload: { token: 'secret' } })
    expect(reducer.stats().controlEvents).toBe(4)
  })
})

describe('createAnswerReducer: robustness (F9, F10)', () => {
  it('skips malformed frames, counts them, and keeps the answer intact', () => {
    const reducer = createAnswerReducer()
    reducer.apply(V1)
    reducer.apply(root({ id: 'a' }, 0, true))
    reducer.apply(frame({ p: '/message/content/parts/0', o: 'append', v: 'Hello' }))
    for (const data of ['{"v": "trunc', 'not json', '42', '[1,2]', '"string"', '{"c": -1, "v": "x"}', '{"p": 7, "v": "x"}', '{"foo": 1}', '']) {
      expect(() => reducer.apply({ data })).not.toThrow()
    }
    reducer.apply(frame({ v: ' world' }))
    expect(reducer.outcome().last.textSoFar).toBe('Hello world')
    expect(reducer.stats()).toMatchObject({ skippedFrames: 7, ignoredFrames: 1 })
  })

  it('never appends a status string to the answer after a non-text pointer', () => {
    const reducer = createAnswerReducer()
    reducer.apply(V1)
    reducer.apply(root({ id: 'a' }, 0, true))
    reducer.apply(frame({ p: '/message/content/parts/0', o: 'append', v: 'Answer' }))
    reducer.apply(frame({ p: '', o: 'patch', v: [{ p: '/message/status', o: 'replace', v: 'in_progress' }] }))
    reducer.apply(frame({ v: 'finished_successfully' }))
    reducer.apply(frame({ p: '/message/metadata/finished_text', o: 'replace', v: 'x' }))
    reducer.apply(frame({ v: 'finished_successfully' }))
    expect(reducer.outcome().last.textSoFar).toBe('Answer')
  })

  it('ignores [DONE] padding, empty data and unknown event names', () => {
    const reducer = createAnswerReducer()
    expect(reducer.apply({ data: '[DONE]   ' })).toBeUndefined()
    expect(reducer.apply({ data: '   ' })).toBeUndefined()
    expect(reducer.apply({ event: 'ping', data: '{"unknown":true}' })).toBeUndefined()
    expect(reducer.stats()).toMatchObject({ events: 1, ignoredFrames: 1 })
  })
})

describe('createAnswerReducer: in-stream errors', () => {
  it('maps {"message":null,"error":…} by its text', () => {
    const unusual = thrown(() =>
      createAnswerReducer().apply(frame({ message: null, conversation_id: 'c', error: 'Our systems have detected unusual activity from your device. Please try again later.' })),
    )
    expect(unusual.code).toBe('unusual-activity')
    expect(unusual.details.serverMessage).toContain('unusual activity')
    expect(thrown(() => createAnswerReducer().apply(frame({ message: null, error: 'Something went wrong.' }))).code).toBe('server')
    expect(thrown(() => createAnswerReducer().apply(frame({ message: null, error: null, error_code: 'model_cap_exceeded' }))).code).toBe('rate-limited')
  })

  it('raises an error carried by a delta root', () => {
    const reducer = createAnswerReducer()
    reducer.apply(V1)
    reducer.apply(root({ id: 'a', text: 'partial' }, 0, true))
    const error = thrown(() => reducer.apply(frame({ v: { message: null, conversation_id: 'conv', error: 'Too many requests in 1 hour. Try again later.' }, c: 1 })))
    expect(error.code).toBe('rate-limited')
    expect(thrown(() => reducer.apply(frame({ p: '/error', o: 'replace', v: 'Conversation not found', c: 0 }))).code).toBe('conversation-not-found')
  })

  it('raises moderation when a moderation result is blocked', () => {
    const blocked = { flagged: true, blocked: true, moderation_id: 'modr-1' }
    expect(thrown(() => createAnswerReducer().apply(frame({ type: 'moderation', moderation_response: blocked, conversation_id: 'c' }))).code).toBe('moderation')
    expect(thrown(() => createAnswerReducer().apply(frame({ conversation_id: 'c', message_id: 'm', is_completion: true, moderation_response: blocked }))).code).toBe(
      'moderation',
    )
    expect(createAnswerReducer().apply(frame({ type: 'moderation', moderation_response: { flagged: true, blocked: false } }))).toBeUndefined()
  })

  it('raises a typed error frame', () => {
    expect(thrown(() => createAnswerReducer().apply(frame({ type: 'error', error: 'Only one message at a time.' }))).code).toBe('one-at-a-time')
  })
})
