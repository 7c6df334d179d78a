// The job runner's reliability rules with a scripted client: refusals wait and go again only before
// the answer starts, lost streams are read back from the server's copy (never re-sent), and the
// keep-alive is held exactly while work is in flight.
import { describe, expect, it } from 'vitest'
import { ChatGptError } from '../core/chatgpt/chatgpt-error'
import { StreamStalledError } from '../core/chatgpt/stream/watch-for-stall'
import type { JobSnapshot } from '../shared/messaging/protocol'
import { createRunnerFixture, growing, streamOf } from './reliability/testing/runner-fixture'

const IDS = { conversationId: 'conv-1', messageId: 'answer-1' }
const TEXT = 'The full answer, as the server stored it.'
const finished = (text = TEXT, messageId = IDS.messageId) => ({ messageId, text, finished: true })

describe('a normal answer', () => {
  it('completes, records the turn and releases the keep-alive', async () => {
    const f = createRunnerFixture({ ask: () => streamOf(growing(TEXT, 4, IDS)) })
    await f.openThread('t')
    const job = await f.runner.start('t', 'next', 'question')
    const done = await f.settled(job.jobId)
    expect(done).toMatchObject({ status: 'complete', text: TEXT, messageId: IDS.messageId })
    expect(done.recovery).toBeUndefined()
    expect((await f.threads.load('t'))!.state.parentMessageId).toBe(IDS.messageId)
    expect(f.alive.peak()).toBe(1)
    expect(f.alive.holders()).toBe(0)
    expect(await f.journal.leftovers()).toEqual([])
  })

  it('passes the stall timeout from the settings to the stream', async () => {
    const f = createRunnerFixture({ ask: () => streamOf(growing(TEXT, 2, IDS)) }, { stallTimeoutMs: 4_000 })
    await f.openThread('t')
    await f.settled((await f.runner.start('t', 'next', 'q')).jobId)
    expect(f.asks[0]!.idleTimeoutMs).toBe(4_000)
  })
})

describe('two questions in one thread at once (F16)', () => {
  it('the second waits, then goes under the answer the first produced', async () => {
    const f = createRunnerFixture({
      ask: (_input, call) => streamOf(growing(`answer ${call}`, 1, { conversationId: 'conv-1', messageId: `answer-${call}` })),
    })
    await f.openThread('t')
    const [first, second] = await Promise.all([f.runner.start('t', 'next', 'one'), f.runner.start('t', 'next', 'two')])
    await f.settled(first.jobId)
    await f.settled(second.jobId)
    expect(f.asks.map((a) => a.turn.parentMessageId)[1]).toBe('answer-1')
    expect(f.asks[1]!.turn.conversationId).toBe('conv-1')
    expect(new Set(f.asks.map((a) => a.turn.userMessageId)).size).toBe(2)
    expect((await f.threads.load('t'))!.state.parentMessageId).toBe('answer-2')
  })
})

describe('refusals before the answer starts (F15, F16)', () => {
  const refusal = (code: 'rate-limited' | 'one-at-a-time', details: object = {}) => new ChatGptError(code, 'refused', { status: 429, ...details })

  it('a short Retry-After is waited out, shown as a time, and the same message goes again', async () => {
    const f = createRunnerFixture({
      ask: (_input, call) => (call === 1 ? streamOf([], refusal('rate-limited', { retryAt: 1_700_000_002_000 })) : streamOf(growing(TEXT, 2, IDS))),
    })
    await f.openThread('t')
    const job = await f.runner.start('t', 'next', 'q')
    const done = await f.settled(job.jobId)
    console.log(`[429 Retry-After] sends=${f.asks.length} waited=${f.sleeps.join(',')} ms`)
    expect(done.status).toBe('complete')
    expect(f.asks).toHaveLength(2)
    expect(f.asks[1]!.turn.userMessageId).toBe(f.asks[0]!.turn.userMessageId)
    expect(f.sleeps).toEqual([2_000])
    const queued = f.events.find((e) => e.type === 'job' && e.job.status === 'queued')
    expect(queued?.type === 'job' && queued.job.retryAt).toBe(1_700_000_002_000)
    expect(done.retryAt).toBeUndefined()
  })

  it('a quota (clears_in far away) is not retried: the reset time is shown', async () => {
    const retryAt = 1_700_000_000_000 + 9_665_000
    const f = createRunnerFixture({ ask: () => streamOf([], refusal('rate-limited', { retryAt })) })
    await f.openThread('t')
    const done = await f.settled((await f.runner.start('t', 'next', 'q')).jobId)
    expect(done).toMatchObject({ status: 'failed', error: { code: 'rate-limited', retryAt } })
    expect(f.asks).toHaveLength(1)
  })

  it('never after the first token, even for a rate limit inside the stream', async () => {
    const inStream = new ChatGptError('rate-limited', 'limit reached in the stream', { retryAt: 1_700_000_001_000 })
    const f = createRunnerFixture({ ask: () => streamOf(growing('partial', 1, IDS), inStream) })
    await f.openThread('t')
    const done = await f.settled((await f.runner.start('t', 'next', 'q')).jobId)
    expect(done).toMatchObject({ status: 'failed', text: 'partial', error: { code: 'rate-limited' } })
    expect(f.asks).toHaveLength(1)
  })

  it('"Only one message at a time" waits in the queue, then the same message goes', async () => {
    const f = createRunnerFixture({ ask: (_i, call) => (call < 3 ? streamOf([], refusal('one-at-a-time')) : streamOf(growing(TEXT, 2, IDS))) })
    await f.openThread('t')
    const done = await f.settled((await f.runner.start('t', 'next', 'q')).jobId)
    expect(done.status).toBe('complete')
    expect(new Set(f.asks.map((a) => a.turn.userMessageId)).size).toBe(1)
    expect(f.sleeps).toEqual([3_000, 3_000])
  })
})

describe('lost streams are read back, never re-sent (F6, F7)', () => {
  it('a stall is recovered from the server copy and says so', async () => {
    const f = createRunnerFixture({
      ask: () => streamOf(growing('The full', 1, IDS), new StreamStalledError(3_000)),
      readAnswer: async () => finished(),
    })
    await f.openThread('t')
    const done = await f.settled((await f.runner.start('t', 'next', 'q')).jobId)
    expect(done).toMatchObject({ status: 'complete', text: TEXT, recovery: 'stalled' })
    expect(f.asks).toHaveLength(1)
    expect(f.reads).toEqual([{ conversationId: 'conv-1', messageId: 'answer-1' }])
  })

  it('a cut the server cannot fill stays interrupted with the partial text', async () => {
    const f = createRunnerFixture({
      ask: () => streamOf(growing('The full', 1, IDS), 'interrupted'),
      readAnswer: async () => {
        throw new ChatGptError('server', 'down', { status: 500 })
      },
    })
    await f.openThread('t')
    const done = await f.settled((await f.runner.start('t', 'next', 'q')).jobId)
    expect(done).toMatchObject({ status: 'interrupted', text: 'The full', recovery: 'cut', error: { code: 'interrupted' } })
    expect(f.asks).toHaveLength(1)
  })

  it('waits while the server is still writing, boundedly', async () => {
    let reads = 0
    const f = createRunnerFixture({
      ask: () => streamOf(growing('The', 1, IDS), 'interrupted'),
      readAnswer: async () => (++reads < 3 ? { messageId: IDS.messageId, text: TEXT.slice(0, reads * 10), finished: false } : finished()),
    })
    await f.openThread('t')
    const done = await f.settled((await f.runner.start('t', 'next', 'q')).jobId)
    expect(done).toMatchObject({ status: 'complete', text: TEXT })
    expect(f.sleeps).toEqual([1_000, 2_000])
  })

  it('a connection failure after the POST left is checked against the server before failing', async () => {
    const failure = new ChatGptError('network', 'Could not reach chatgpt.com.')
    const f = createRunnerFixture({
      ask: (input) => {
        input.onDispatch?.()
        return streamOf([], failure)
      },
      // The server shows only the previous answer: this question never arrived.
      readAnswer: async () => finished('previous answer', 'previous-answer'),
    })
    const record = await f.openThread('t')
    record.state = { ...record.state, conversationId: 'conv-1', parentMessageId: 'previous-answer' }
    const done = await f.settled((await f.runner.start('t', 'next', 'q')).jobId)
    expect(done).toMatchObject({ status: 'failed', text: '', error: { code: 'network' } })
    expect(f.reads.length).toBeGreaterThan(0)
    expect(f.asks).toHaveLength(1)
  })
})

describe('a worker that died mid-job (F3)', () => {
  /** Leaves a job as a dead worker would: in the thread and the journal, not running. */
  async function orphan(f: ReturnType<typeof createRunnerFixture>, job: Partial<JobSnapshot>, state: { conversationId?: string; parentMessageId?: string } = {}) {
    const record = await f.openThread('t')
    record.state = { ...record.state, ...state }
    const snapshot: JobSnapshot = { jobId: 'job-1', threadKey: 't', action: 'next', prompt: 'q', status: 'streaming', text: '', createdAt: 1, updatedAt: 1, ...job }
    record.jobs.push(snapshot)
    record.plans['job-1'] = { action: 'next', prompt: 'q', userMessageId: 'user-1', parentMessageId: state.parentMessageId ?? 'fresh-parent', ...(state.conversationId ? { conversationId: state.conversationId } : {}) }
    await f.threads.save(record)
    await f.journal.statusChanged(record, snapshot)
    return snapshot
  }

  it('mid-stream: completed from the server copy, flagged as recovered after a restart', async () => {
    const f = createRunnerFixture({ readAnswer: async () => finished() })
    const job = await orphan(f, { text: 'The full', ...IDS })
    await f.runner.recoverOrphan('t', job)
    const done = (await f.threads.findJob('job-1'))!.job
    expect(done).toMatchObject({ status: 'complete', text: TEXT, recovery: 'worker-restart' })
    expect(f.asks).toHaveLength(0)
    expect(f.alive.holders()).toBe(0)
    expect(f.alive.peak()).toBe(1)
    expect(await f.journal.leftovers()).toEqual([])
  })

  it("while 'requesting' on a new conversation: interrupted, never re-sent", async () => {
    const f = createRunnerFixture()
    const job = await orphan(f, { status: 'requesting' })
    await f.runner.recoverOrphan('t', job)
    const done = (await f.threads.findJob('job-1'))!.job
    expect(done).toMatchObject({ status: 'interrupted', recovery: 'worker-restart', text: '' })
    expect(f.asks).toHaveLength(0)
    expect(f.reads).toHaveLength(0)
  })

  it("while 'requesting' a follow-up the server never got: the previous answer is not taken for it", async () => {
    const f = createRunnerFixture({ readAnswer: async () => finished('the previous answer', 'previous-answer') })
    const job = await orphan(f, { status: 'requesting', conversationId: 'conv-1' }, { conversationId: 'conv-1', parentMessageId: 'previous-answer' })
    await f.runner.recoverOrphan('t', job)
    const done = (await f.threads.findJob('job-1'))!.job
    expect(done).toMatchObject({ status: 'interrupted', text: '' })
    expect(f.asks).toHaveLength(0)
    expect(f.reads.length).toBeGreaterThanOrEqual(2)
  })

  it("while 'requesting' a follow-up the server did get: its new answer is taken", async () => {
    const f = createRunnerFixture({ readAnswer: async () => finished(TEXT, 'new-answer') })
    const job = await orphan(f, { status: 'requesting', conversationId: 'conv-1' }, { conversationId: 'conv-1', parentMessageId: 'previous-answer' })
    await f.runner.recoverOrphan('t', job)
    expect((await f.threads.findJob('job-1'))!.job).toMatchObject({ status: 'complete', text: TEXT, messageId: 'new-answer' })
    expect((await f.threads.load('t'))!.state.parentMessageId).toBe('new-answer')
    expect(f.asks).toHaveLength(0)
  })

  it('Stop ends a recovery that is waiting on the server', async () => {
    const f = createRunnerFixture({ readAnswer: async () => ({ messageId: IDS.messageId, text: 'The', finished: false }) })
    const job = await orphan(f, { text: 'The', ...IDS })
    const recovering = f.runner.recoverOrphan('t', job)
    await Promise.resolve()
    expect(f.runner.stop('job-1')).toBe(true)
    await recovering
    expect((await f.threads.findJob('job-1'))!.job.status).toBe('stopped')
  })
})

describe('the browser restarted, then "Check result" (F18)', () => {
  it('closeLost keeps the partial answer, flagged; Check result completes it from the server', async () => {
    let serverHasIt = false
    const f = createRunnerFixture({ readAnswer: async () => (serverHasIt ? finished() : { ...finished(), text: 'The full', finished: false }) })
    const record = await f.openThread('t')
    record.jobs.push({ jobId: 'job-1', threadKey: 't', action: 'next', prompt: 'q', status: 'streaming', text: 'The', createdAt: 1, updatedAt: 1, ...IDS })
    record.plans['job-1'] = { action: 'next', prompt: 'q', userMessageId: 'user-1', parentMessageId: 'p' }
    await f.threads.save(record)

    await f.runner.closeLost('t', 'job-1')
    expect((await f.threads.findJob('job-1'))!.job).toMatchObject({ status: 'interrupted', text: 'The', recovery: 'browser-restart' })
    expect(f.reads).toHaveLength(0)

    // The server's copy is still partial: the check says when it looked, and keeps the longer text.
    expect(await f.runner.checkResult('job-1')).toBe(true)
    const checked = (await f.threads.findJob('job-1'))!.job
    expect(checked).toMatchObject({ status: 'interrupted', text: 'The full' })
    expect(checked.checkedAt).toBeTypeOf('number')

    serverHasIt = true
    expect(await f.runner.checkResult('job-1')).toBe(true)
    expect((await f.threads.findJob('job-1'))!.job).toMatchObject({ status: 'complete', text: TEXT, recovery: 'browser-restart' })
    expect(f.asks).toHaveLength(0)
    expect(await f.runner.checkResult('job-1')).toBe(false)
  })
})
