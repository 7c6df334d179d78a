import { describe, expect, it } from 'vitest'
import { applyThreadEvents, findAcceptedJob, INITIAL_CHAT_STATE, type ChatState, type ThreadEvent } from './chat-state'
import { job, thread } from './test-support'

const KEY = 'popup'
const apply = (state: ChatState, ...events: ThreadEvent[]) => applyThreadEvents(state, events, KEY)
const delta = (seq: number, appended: string, jobId = 'j1'): ThreadEvent => ({ type: 'delta', jobId, seq, appended })
const opened = (snapshot = job()) => apply(INITIAL_CHAT_STATE, { type: 'thread', thread: thread([snapshot]) }).state
const textOf = (state: ChatState) => state.thread?.jobs[0]?.text

describe('applyThreadEvents', () => {
  it('appends deltas in seq order after a snapshot with no seq (first delta is the baseline)', () => {
    const { state, resync } = apply(opened(job({ text: 'He' })), delta(7, 'll'), delta(8, 'o'))
    expect(textOf(state)).toBe('Hello')
    expect(resync).toBe(false)
  })

  it('applies only deltas after the snapshot seq', () => {
    const { state } = apply(opened(job({ text: 'Hello', seq: 3 })), delta(2, 'l'), delta(3, 'o'), delta(4, '!'))
    expect(textOf(state)).toBe('Hello!')
  })

  it('drops duplicates and out-of-order deltas', () => {
    const { state, resync } = apply(opened(job({ seq: 0 })), delta(1, 'a'), delta(1, 'a'), delta(2, 'b'), delta(1, 'a'))
    expect(textOf(state)).toBe('ab')
    expect(resync).toBe(false)
  })

  it('asks for a resync on a gap and ignores later deltas until a snapshot arrives', () => {
    const gap = apply(opened(job({ seq: 0 })), delta(1, 'a'), delta(3, 'c'), delta(4, 'd'))
    expect(gap.resync).toBe(true)
    expect(textOf(gap.state)).toBe('a')
    const fixed = apply(gap.state, { type: 'job', job: job({ text: 'abcd', seq: 4 }) }, delta(5, 'e'))
    expect(textOf(fixed.state)).toBe('abcde')
    expect(fixed.resync).toBe(false)
  })

  it('applies a merged delta that continues the cursor, and treats one that starts past it as a gap', () => {
    const merged = (fromSeq: number, seq: number, appended: string): ThreadEvent => ({ type: 'delta', jobId: 'j1', fromSeq, seq, appended })
    const { state, resync } = apply(opened(job({ text: 'a', seq: 1 })), merged(2, 4, 'bcd'), delta(5, 'e'), merged(3, 5, 'cde'))
    expect(textOf(state)).toBe('abcde')
    expect(resync).toBe(false)
    const gap = apply(state, merged(7, 8, 'gh'))
    expect(gap.resync).toBe(true)
    expect(textOf(gap.state)).toBe('abcde')
  })

  it('asks for a resync when a merged delta overlaps the cursor (it cannot be split)', () => {
    const { state, resync } = apply(opened(job({ text: 'ab', seq: 2 })), { type: 'delta', jobId: 'j1', fromSeq: 2, seq: 3, appended: 'bc' })
    expect(resync).toBe(true)
    expect(textOf(state)).toBe('ab')
  })

  it('asks for a resync on a delta for a job it does not know', () => {
    const { state, resync } = apply(opened(), delta(1, 'x', 'other'))
    expect(resync).toBe(true)
    expect(state.thread?.jobs).toHaveLength(1)
  })

  it('adds new jobs and replaces known ones from job snapshots', () => {
    let state = opened(job({ status: 'complete', text: 'one' }))
    state = apply(state, { type: 'job', job: job({ jobId: 'j2', prompt: 'two', status: 'queued' }) }).state
    state = apply(state, { type: 'job', job: job({ jobId: 'j2', prompt: 'two', status: 'requesting' }) }).state
    expect(state.thread?.jobs.map((j) => [j.jobId, j.status])).toEqual([['j1', 'complete'], ['j2', 'requesting']])
  })

  it('marks a job as streaming when text arrives before its status snapshot', () => {
    const { state } = apply(opened(job({ status: 'requesting', seq: 0 })), delta(1, 'a'))
    expect(state.thread?.jobs[0]?.status).toBe('streaming')
  })

  it('ignores events for other threads and jobs before the first thread snapshot', () => {
    expect(apply(INITIAL_CHAT_STATE, { type: 'job', job: job() }).state.thread).toBeUndefined()
    const other = apply(opened(), { type: 'thread', thread: thread([], { threadKey: 'tab-9' }) })
    expect(other.state.thread?.jobs).toHaveLength(1)
    expect(apply(opened(), { type: 'job', job: job({ jobId: 'x', threadKey: 'tab-9' }) }).state.thread?.jobs).toHaveLength(1)
  })

  it('replaces everything on a thread snapshot (new chat, reconnect)', () => {
    const { state } = apply(opened(job({ text: 'old' })), { type: 'thread', thread: thread([]) })
    expect(state.thread?.jobs).toEqual([])
    expect(state.cursors).toEqual({})
  })

  it('leaves untouched jobs as the same objects (cheap re-render)', () => {
    const first = job({ jobId: 'a', status: 'complete', text: 'done' })
    const state = apply(INITIAL_CHAT_STATE, { type: 'thread', thread: thread([first, job({ jobId: 'b', seq: 0 })]) }).state
    const next = apply(state, delta(1, 'x', 'b')).state
    expect(next.thread?.jobs[0]).toBe(first)
  })
})

describe('findAcceptedJob', () => {
  it('finds a new job with the sent prompt', () => {
    const t = thread([job({ jobId: 'old', prompt: 'q' }), job({ jobId: 'new', prompt: ' q ' })])
    expect(findAcceptedJob(t, 'q', new Set(['old']))?.jobId).toBe('new')
    expect(findAcceptedJob(t, 'other', new Set(['old']))).toBeUndefined()
    expect(findAcceptedJob(t, 'q', new Set(['old', 'new']))).toBeUndefined()
  })
})
