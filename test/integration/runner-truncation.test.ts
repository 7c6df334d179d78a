/**
 * Truncation at the job level (threats-and-faults F7, G11): the real job runner and client against
 * the stand-in, the stream cut at every frame boundary of a recorded answer and at random byte
 * offsets. Below the stream's own completion signal a job is never `complete` by itself; with
 * the server's copy reachable it is completed from there (exact text), without a second send.
 * The decoder-level sweep over the captured streams lives in src/core/chatgpt/stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createChatGptClient } from '../../src/core/chatgpt/chatgpt-client'
import { createRunnerFixture } from '../../src/background/reliability/testing/runner-fixture'
import { seededRandom } from '../../src/core/chatgpt/stream/testing/stream-variants'
import { createBrowserLikeFetch, SEND, startStandIn, type StandIn } from '../chatgpt-stand-in/index'
import { nodeSentinelEnvironment } from './node-environment'

const SOAK = process.env.SOAK === '1'
const RANDOM_OFFSETS = SOAK ? 200 : 24
const TEXT = 'Cut me anywhere: 你好，世界 🎉 — the answer goes on for a while so the stream has many frames. '.repeat(3).trim()
const CONVERSATION_GET = { path: /^\/backend-api\/conversation\/[^/]+$/, method: 'GET' }

let standIn: StandIn
/** The SSE body of the last send, as the client received it. */
let lastBody: Promise<Uint8Array> = Promise.resolve(new Uint8Array())

beforeAll(async () => {
  standIn = await startStandIn({ era: '2026' })
})
afterAll(async () => {
  await standIn.close()
})

function recordingClient() {
  const fetch = createBrowserLikeFetch(standIn, { cookies: { [standIn.loginCookie.name]: standIn.loginCookie.value } })
  const recording: typeof globalThis.fetch = async (input, init) => {
    const response = await fetch(input, init)
    if (init?.method !== 'POST' || !/\/f\/conversation$/.test(String(input)) || !response.body) return response
    const [mine, theirs] = response.body.tee()
    lastBody = new Response(mine).arrayBuffer().then((bytes) => new Uint8Array(bytes))
    return new Response(theirs, { status: response.status, headers: response.headers })
  }
  let device: string | undefined
  return createChatGptClient({
    fetch: recording,
    now: Date.now,
    random: Math.random,
    newId: () => crypto.randomUUID(),
    environment: nodeSentinelEnvironment,
    deviceId: async () => (device ??= crypto.randomUUID()),
    language: 'en-US',
    timezone: () => ({ offsetMin: 0, name: 'UTC' }),
  })
}

const client = () => recordingClient()
let fixture: ReturnType<typeof createRunnerFixture>
let threadNo = 0

/** One question in a new thread; the stand-in answers TEXT, cut by `cut` (or not at all). */
async function ask(cut?: { afterFrames?: number; afterBytes?: number }) {
  standIn.queueAnswer({ text: TEXT, delayMs: 0 })
  if (cut) standIn.injectFault({ match: SEND, kind: 'truncate', ...cut })
  const threadKey = `cut-${++threadNo}`
  await fixture.openThread(threadKey)
  const job = await fixture.runner.start(threadKey, 'next', 'cut this')
  const settled = await fixture.settled(job.jobId)
  return { job: settled, received: await lastBody }
}

/** Whole frames as the stand-in counts them: each SSE event or comment ends with a blank line. */
function framesOf(bytes: Uint8Array): string[] {
  return new TextDecoder().decode(bytes).split(/(?<=\n\n)/).filter((frame) => frame.endsWith('\n\n'))
}

/** The stream said it was complete: its `message_stream_complete` frame arrived whole. */
const signalled = (received: Uint8Array) => framesOf(received).some((frame) => frame.includes('"message_stream_complete"'))

describe('a cut stream at the job level', () => {
  let frames: string[] = []
  let total = 0
  let completeFrom = 0

  beforeAll(async () => {
    fixture = createRunnerFixture({ client: client() })
    const whole = await ask()
    expect(whole.job).toMatchObject({ status: 'complete', text: TEXT })
    total = whole.received.length
    frames = framesOf(whole.received)
    completeFrom = frames.findIndex((frame) => frame.includes('"message_stream_complete"')) + 1
    expect(completeFrom).toBeGreaterThan(1)
  })

  function sweepPoints(): { afterFrames?: number; afterBytes?: number }[] {
    const random = seededRandom(911)
    return [
      ...frames.map((_, k) => ({ afterFrames: k })),
      ...Array.from({ length: RANDOM_OFFSETS }, () => ({ afterBytes: 1 + Math.floor(random() * (total - 1)) })),
    ]
  }

  it('is never complete before the completion signal when the server copy is out of reach', async () => {
    standIn.reset()
    standIn.injectFault({ match: CONVERSATION_GET, kind: 'status', status: 500, body: 'down', times: Infinity })
    const counts = { runs: 0, interrupted: 0, completeFromStream: 0, wrong: 0 }
    for (const point of sweepPoints()) {
      const { job, received } = await ask(point)
      counts.runs += 1
      const send = standIn.log.filter((e) => e.method === 'POST' && e.path.endsWith('/f/conversation')).at(-1)!
      // The cut is where we think it is: the stand-in wrote exactly what the client received.
      expect(send.bytesWritten).toBe(received.length)
      if (point.afterFrames !== undefined) expect(framesOf(received)).toHaveLength(point.afterFrames)
      const expected = signalled(received) ? 'complete' : 'interrupted'
      if (job.status === 'interrupted') counts.interrupted += 1
      if (job.status === 'complete') counts.completeFromStream += 1
      if (job.status !== expected || (job.status === 'complete' && job.text !== TEXT)) counts.wrong += 1
      expect({ point, status: job.status }).toEqual({ point, status: expected })
    }
    console.log(
      `[truncation, copy unreachable] frames=${frames.length} (${total} bytes) completion signal in frame ${completeFrom} ` +
        `cuts=${counts.runs} interrupted=${counts.interrupted} complete(signal received)=${counts.completeFromStream} wrong=${counts.wrong}`,
    )
    expect(counts.wrong).toBe(0)
  })

  it('is completed from the server copy, exactly, whenever the conversation is known', async () => {
    standIn.reset()
    const counts = { runs: 0, recovered: 0, completeFromStream: 0, noConversationYet: 0, wrong: 0 }
    for (const point of sweepPoints()) {
      const { job } = await ask(point)
      counts.runs += 1
      if (job.status === 'complete' && job.recovery === 'cut') counts.recovered += 1
      else if (job.status === 'complete') counts.completeFromStream += 1
      else if (job.status === 'interrupted' && !job.conversationId) counts.noConversationYet += 1
      else counts.wrong += 1
      if (job.status === 'complete') expect(job.text).toBe(TEXT)
    }
    const sends = standIn.log.filter((e) => e.method === 'POST' && e.path.endsWith('/f/conversation'))
    const ids = standIn.conversations().flatMap((c) => c.userMessageIds)
    console.log(
      `[truncation, copy reachable] cuts=${counts.runs} recovered=${counts.recovered} complete(stream)=${counts.completeFromStream} ` +
        `unrecoverable(no conversation id yet)=${counts.noConversationYet} wrong=${counts.wrong} sends=${sends.length} user message ids=${ids.length} duplicates=${ids.length - new Set(ids).size}`,
    )
    expect(counts.wrong).toBe(0)
    expect(counts.recovered).toBeGreaterThan(frames.length / 2)
    expect(sends).toHaveLength(counts.runs)
    expect(new Set(ids).size).toBe(ids.length)
    expect(standIn.violations()).toEqual([])
  })
})
