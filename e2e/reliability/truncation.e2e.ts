/**
 * F7 / G11 through the whole extension in Chromium: the answer stream is cut at frame boundaries
 * and random byte offsets. Until the stream's own completion signal has arrived, the popup never
 * shows a cut answer as complete: with the server's copy out of reach it says "cut off" (Retry);
 * with the copy reachable the answer is completed from it, exactly. One send per question.
 * Fast: sampled cut points; soak (SOAK=1): every frame boundary and 20 random offsets. The
 * exhaustive sweeps run in Node: src/core/chatgpt/stream (decoder) and
 * test/integration/runner-truncation.test.ts (job runner).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createChatGptClient } from '../../src/core/chatgpt/chatgpt-client'
import { createBrowserLikeFetch, SEND, startStandIn, type StandIn } from '../../test/chatgpt-stand-in/index'
import { nodeSentinelEnvironment } from '../../test/integration/node-environment'
import { launchExtension, type LaunchedExtension } from '../harness/launch'
import { PopupPage } from '../harness/popup-page'
import { createExactlyOnceLedger, iterations, pollUntil, seeded, sendsOf, SOAK, freshStart } from './support/kit'

const TEXT = 'Cut anywhere: 你好，世界 🎉 — an answer long enough to have many frames on the wire. '.repeat(2).trim()
const CONVERSATION_GET = { path: /^\/backend-api\/conversation\/[^/]+$/, method: 'GET' }

let standIn: StandIn
let ext: LaunchedExtension
const ledger = createExactlyOnceLedger()
/** Frames of the stand-in's answer for TEXT, and how many it takes to carry the completion signal. */
let frameCount = 0
let signalFrames = 0
/** Bytes up to and including the completion signal's frame (ids and times vary a little per run). */
let signalBytes = 0
let totalBytes = 0
const AMBIGUOUS_BYTES = 64

/** Records the stand-in's stream for TEXT once, from Node, to know where its frames end. */
async function recordFrames(): Promise<void> {
  const fetch = createBrowserLikeFetch(standIn, { cookies: { [standIn.loginCookie.name]: standIn.loginCookie.value } })
  let body: Promise<ArrayBuffer> = Promise.resolve(new ArrayBuffer(0))
  const client = createChatGptClient({
    fetch: async (input, init) => {
      const response = await fetch(input, init)
      if (init?.method !== 'POST' || !/\/f\/conversation$/.test(String(input)) || !response.body) return response
      const [mine, theirs] = response.body.tee()
      body = new Response(mine).arrayBuffer()
      return new Response(theirs, { status: response.status, headers: response.headers })
    },
    now: Date.now,
    random: Math.random,
    newId: () => crypto.randomUUID(),
    environment: nodeSentinelEnvironment,
    deviceId: async () => 'record-frames-device',
    language: 'en-US',
    timezone: () => ({ offsetMin: 0 }),
  })
  standIn.queueAnswer({ text: TEXT, delayMs: 0 })
  const answer = client.ask({
    turn: { action: 'next', prompt: 'record', userMessageId: crypto.randomUUID(), parentMessageId: crypto.randomUUID(), model: 'auto', temporary: false },
    signal: new AbortController().signal,
  })
  while (!(await answer.next()).done);
  const bytes = new Uint8Array(await body)
  const frames = new TextDecoder().decode(bytes).split(/(?<=\n\n)/).filter((f) => f.endsWith('\n\n'))
  frameCount = frames.length
  signalFrames = frames.findIndex((f) => f.includes('"message_stream_complete"')) + 1
  signalBytes = new TextEncoder().encode(frames.slice(0, signalFrames).join('')).length
  totalBytes = bytes.length
  await fetch.close()
}

beforeAll(async () => {
  standIn = await startStandIn({ era: '2026' })
  await recordFrames()
  standIn.reset()
  ext = await launchExtension({ standIn, loggedIn: true })
})
afterAll(async () => {
  ledger.collect(standIn)
  expect(ledger.report('truncation').duplicates).toBe(0)
  await ext?.close()
  await standIn?.close()
})
beforeEach(() => freshStart(standIn, ext, ledger))

function cutPoints(): { afterFrames?: number; afterBytes?: number }[] {
  const random = seeded(7)
  const frames = SOAK
    ? Array.from({ length: frameCount }, (_, k) => k)
    : [1, Math.floor(signalFrames / 3), Math.floor((2 * signalFrames) / 3), signalFrames - 1, signalFrames]
  const bytes: number[] = []
  while (bytes.length < iterations(2, 20)) {
    const offset = 1 + Math.floor(random() * (totalBytes - 1))
    // Too close to the completion signal to say which side of it this run's cut falls.
    if (Math.abs(offset - signalBytes) > AMBIGUOUS_BYTES) bytes.push(offset)
  }
  return [...frames.map((afterFrames) => ({ afterFrames })), ...bytes.map((afterBytes) => ({ afterBytes }))]
}

async function askCut(threadKey: string, cut: { afterFrames?: number; afterBytes?: number }) {
  standIn.queueAnswer({ text: TEXT, delayMs: 2 })
  standIn.injectFault({ match: SEND, kind: 'truncate', ...cut })
  const popup = await PopupPage.open(ext, threadKey)
  await popup.ask('cut this')
  const [job] = await pollUntil(() => popup.storedJobs(), (jobs) => jobs[0]?.status === 'complete' || jobs[0]?.status === 'interrupted', 20_000, 100)
  const shown = await pollUntil(() => popup.answers().nth(0).getAttribute('data-status'), (status) => status === job!.status, 5_000)
  const notice = await popup.page.locator('.job [data-testid=error-notice][data-code=interrupted]').count()
  await popup.close()
  return { job: job!, shown, notice }
}

describe('a cut stream in the browser', () => {
  it('is never shown complete before the completion signal when the server copy is out of reach', async () => {
    standIn.injectFault({ match: CONVERSATION_GET, kind: 'status', status: 500, body: 'down', times: Infinity })
    const counts = { cuts: 0, interrupted: 0, complete: 0, wrong: 0 }
    for (const [i, cut] of cutPoints().entries()) {
      const { job, shown, notice } = await askCut(`cut-out-${i}`, cut)
      const afterSignal = cut.afterFrames !== undefined ? cut.afterFrames >= signalFrames : cut.afterBytes! > signalBytes
      counts.cuts += 1
      if (job.status === 'interrupted') counts.interrupted += 1
      else counts.complete += 1
      if (job.status === 'complete' && (!afterSignal || job.text !== TEXT)) counts.wrong += 1
      expect({ cut, status: job.status }).toEqual({ cut, status: afterSignal ? 'complete' : 'interrupted' })
      expect(shown).toBe(job.status)
      if (job.status === 'interrupted') expect(notice).toBe(1)
    }
    console.log(
      `[truncation, browser, copy unreachable] frames=${frameCount} signal in frame ${signalFrames} cuts=${counts.cuts} ` +
        `interrupted=${counts.interrupted} complete(signal received)=${counts.complete} wrong=${counts.wrong} sends=${sendsOf(standIn).length}`,
    )
    expect(counts.wrong).toBe(0)
    expect(sendsOf(standIn)).toHaveLength(counts.cuts)
  })

  it('is completed from the server copy whenever the conversation is known', async () => {
    const counts = { cuts: 0, recovered: 0, streamed: 0, unknownConversation: 0, wrong: 0 }
    for (const [i, cut] of cutPoints().entries()) {
      const { job } = await askCut(`cut-in-${i}`, cut)
      counts.cuts += 1
      if (job.status === 'complete' && job.text === TEXT) {
        if (job.recovery === 'cut') counts.recovered += 1
        else counts.streamed += 1
      } else if (job.status === 'interrupted' && !job.conversationId) counts.unknownConversation += 1
      else counts.wrong += 1
    }
    console.log(
      `[truncation, browser, copy reachable] cuts=${counts.cuts} recovered=${counts.recovered} complete(stream)=${counts.streamed} ` +
        `unrecoverable(no conversation id yet)=${counts.unknownConversation} wrong=${counts.wrong} sends=${sendsOf(standIn).length}`,
    )
    expect(counts.wrong).toBe(0)
    expect(counts.recovered).toBeGreaterThan(0)
    expect(sendsOf(standIn)).toHaveLength(counts.cuts)
    expect(standIn.violations()).toEqual([])
  })
})
