// The whole pipeline (ReadableStream → reader loop → UTF-8 → SSE → reducer → updates) on the
// recorded streams and on variants derived from them (F7–F12).
import { describe, expect, it } from 'vitest'
import type { AnswerUpdate } from '../answer-update'
import { ChatGptError } from '../chatgpt-error'
import type { ReducerStats } from './answer-reducer'
import type { ControlEvent } from './control-event'
import { decodeAnswerStream } from './decode-answer-stream'
import { bodyOf, decodeAll, splitAt, utf8 } from './testing/byte-streams'
import { loadStreamFixtures } from './testing/stream-fixtures'
import type { StreamFixture } from './testing/stream-fixtures'
import { corroborationEnd, frameEnds, insertAfter, interleave, randomCuts, seededRandom, withBom, withLineEndings } from './testing/stream-variants'

const fixtures = loadStreamFixtures()
const byName = (name: string): StreamFixture => {
  const fixture = fixtures.find((candidate) => candidate.name === name)
  if (!fixture) throw new Error(`missing fixture ${name}`)
  return fixture
}
const S1 = byName('k1liang-s1')
const S3 = byName('k1liang-s3')
const GPT_4O = byName('ml-demo-2024-10-16-delta-v1-gpt-4o')
const LEGACY = byName('ml-demo-2024-10-15-legacy-gpt-4o-mini.extracted')

const RANDOM_SPLITS_PER_FIXTURE = 500

/** Replays the updates the way a UI would and checks they add up to each textSoFar. */
function expectConsistentUpdates(updates: readonly AnswerUpdate[]): void {
  let text = ''
  for (const update of updates) {
    text = update.replaced ? update.textSoFar : text + update.appended
    expect(text).toBe(update.textSoFar)
  }
}

async function expectDecodesTo(chunks: readonly Uint8Array[], fixture: StreamFixture): Promise<void> {
  const { updates, outcome } = await decodeAll(bodyOf(chunks))
  expect(outcome.last.textSoFar).toBe(fixture.expectedText)
  expect(outcome.kind).toBe(fixture.expectedOutcome)
  expect(outcome.last.textSoFar.includes('\ufffd')).toBe(false)
  expectConsistentUpdates(updates)
}

async function decodeError(body: ReadableStream<Uint8Array>, options?: Parameters<typeof decodeAnswerStream>[1]): Promise<{ error: ChatGptError; updates: AnswerUpdate[] }> {
  const updates: AnswerUpdate[] = []
  try {
    for await (const update of decodeAnswerStream(body, options)) updates.push(update)
  } catch (error) {
    if (error instanceof ChatGptError) return { error, updates }
    throw error
  }
  throw new Error('expected a ChatGptError')
}

describe('decodeAnswerStream on the recorded streams', () => {
  for (const fixture of fixtures) {
    describe(fixture.name, () => {
      it(`decodes to the expected text and outcome (${fixture.expectedOutcome})`, async () => {
        await expectDecodesTo([fixture.bytes], fixture)
        if (fixture.networkChunks) await expectDecodesTo(fixture.networkChunks, fixture)
      })

      it('decodes byte-exactly with 1-byte reads', async () => {
        await expectDecodesTo(
          Array.from({ length: fixture.bytes.length }, (_, i) => fixture.bytes.subarray(i, i + 1)),
          fixture,
        )
      })

      it(`decodes byte-exactly under ${RANDOM_SPLITS_PER_FIXTURE} random multi-splits`, async () => {
        const random = seededRandom(fixture.bytes.length)
        for (let run = 0; run < RANDOM_SPLITS_PER_FIXTURE; run++) {
          const cuts = randomCuts(fixture.bytes.length, 1 + Math.floor(random() * 40), random)
          await expectDecodesTo(splitAt(fixture.bytes, cuts), fixture)
        }
      })

      it('is interrupted when cut before the completion signal, at every frame boundary and at random bytes (F7)', async () => {
        const signalEnd = fixture.expectedOutcome === 'complete' ? corroborationEnd(fixture.bytes) : undefined
        if (fixture.expectedOutcome === 'complete') expect(signalEnd).toBeDefined()
        const random = seededRandom(7)
        const cuts = [...frameEnds(fixture.bytes), ...randomCuts(fixture.bytes.length, 100, random)]
        for (const cut of cuts) {
          const { outcome } = await decodeAll(bodyOf([fixture.bytes.subarray(0, cut)]))
          const expected = signalEnd !== undefined && cut >= signalEnd ? 'complete' : 'interrupted'
          expect({ cut, kind: outcome.kind }).toEqual({ cut, kind: expected })
        }
      })
    })
  }

  it('reports ids, title, model, finish reason and reasoning (2026 stream)', async () => {
    const { outcome } = await decodeAll(bodyOf([S3.bytes]))
    expect(outcome.last).toMatchObject({
      conversationId: '6ab9ebaa-4130-83ea-9985-86578f9ff16d',
      messageId: 'b923b6d9-1af8-42cb-b2b9-b36c7e227fc1',
      title: '证明单色三角形',
      model: 'gpt-5-6-thinking',
      finishReason: 'stop',
      reasoning: { status: 'reasoning_ended' },
    })
  })

  it('passes control events on, resume token included, and reports counters', async () => {
    const events: ControlEvent[] = []
    let stats: ReducerStats | undefined
    await decodeAll(bodyOf([S1.bytes]), { onControlEvent: (event) => events.push(event), onStats: (value) => (stats = value) })
    expect(events.map((event) => event.type)).toContain('resume_conversation_token')
    expect(events.find((event) => event.type === 'resume_conversation_token')?.payload.token).toMatch(/^x+$/)
    expect(events.map((event) => event.type)).toContain('conversation_detail_metadata')
    expect(stats).toMatchObject({ skippedFrames: 0, ignoredFrames: 0 })
    expect(stats?.events).toBeGreaterThan(20)
  })
})

describe('decodeAnswerStream on derived variants (F9, F10, F12)', () => {
  it.each([
    ['CRLF', (bytes: Uint8Array) => withLineEndings(bytes, '\r\n')],
    ['CR-only', (bytes: Uint8Array) => withLineEndings(bytes, '\r')],
    ['a leading BOM', withBom],
  ])('decodes every fixture with %s, whole and under random splits', async (_name, variant) => {
    for (const fixture of fixtures) {
      const bytes = variant(fixture.bytes)
      await expectDecodesTo([bytes], fixture)
      const random = seededRandom(3)
      for (let run = 0; run < 20; run++) await expectDecodesTo(splitAt(bytes, randomCuts(bytes.length, 1 + Math.floor(random() * 20), random)), fixture)
    }
  })

  it('is unaffected by pings, unknown control events, unknown event names and malformed frames between events', async () => {
    const noise = [
      ': ping - 2025-03-12 06:00:55.349556+00:00\n\n',
      'data: {"type":"safety_review_update","conversation_id":"x"}\n\n',
      'data: {"type":"some_future_event","payload":{"v":"not text"}}\n\n',
      'event: mystery\ndata: {"unknown_shape":true}\n\n',
      'data: {"v": "truncated json\n\n',
      'data: not json at all\n\n',
      'data: [1, 2, 3]\n\n',
      'data: {"c": "nope", "v": "junk"}\n\n',
      'data: \n\n',
      'retry: soon\nid: 7\n\n',
    ]
    for (const fixture of fixtures) {
      const stats: ReducerStats[] = []
      const bytes = interleave(fixture.bytes, noise, 3)
      await expectDecodesTo([bytes], fixture)
      await decodeAll(bodyOf([bytes]), { onStats: (value) => stats.push(value) })
      expect(stats[0]?.skippedFrames).toBeGreaterThan(0)
      const random = seededRandom(11)
      for (let run = 0; run < 10; run++) await expectDecodesTo(splitAt(bytes, randomCuts(bytes.length, 30, random)), fixture)
    }
  })

  it('accepts the unquoted `data: v1` marker', async () => {
    const bytes = utf8(new TextDecoder().decode(GPT_4O.bytes).replace('data: "v1"', 'data: v1'))
    await expectDecodesTo([bytes], GPT_4O)
  })

  it('fails on an unknown encoding instead of guessing', async () => {
    const bytes = utf8(new TextDecoder().decode(GPT_4O.bytes).replace('data: "v1"', 'data: "v2"'))
    const { error } = await decodeError(bodyOf([bytes]))
    expect(error.code).toBe('unknown')
  })

  it('hands a stream_handoff to the caller; a stream that then only says [DONE] is interrupted', async () => {
    const text = new TextDecoder().decode(S1.bytes)
    const cut = text.indexOf('data: {"type":"message_marker"')
    const handoff = 'data: {"type":"stream_handoff","conversation_id":"6ab9dd65-51b0-83ea-9836-d2642f97cb6d","options":[{"type":"subscribe_ws_topic","topic_id":"conversation-turn-1"}]}\n\n'
    const events: ControlEvent[] = []
    const { outcome } = await decodeAll(bodyOf([utf8(text.slice(0, cut) + handoff + 'data: [DONE]\n\n')]), { onControlEvent: (event) => events.push(event) })
    expect(outcome.kind).toBe('interrupted')
    expect(events.at(-1)).toMatchObject({ type: 'stream_handoff', conversationId: '6ab9dd65-51b0-83ea-9836-d2642f97cb6d' })
  })
})

describe('decodeAnswerStream errors', () => {
  it('delivers the text so far, then raises an in-stream error with its code', async () => {
    const error = 'data: {"message": null, "conversation_id": "670fce41-4328-800b-8b72-f52b274345f0", "error": "Our systems have detected unusual activity from your device. Please try again later."}\n\n'
    const bytes = insertAfter(GPT_4O.bytes, '"\\u660e"', error)
    const result = await decodeError(bodyOf(splitAt(bytes, frameEnds(bytes))))
    expect(result.error.code).toBe('unusual-activity')
    expect(result.updates.at(-1)?.textSoFar.startsWith('好的，我明')).toBe(true)
  })

  it('raises moderation for a blocked moderation event (2024 and legacy shapes)', async () => {
    const blocked = 'data: {"type": "moderation", "moderation_response": {"flagged": true, "blocked": true, "moderation_id": "modr-1"}, "conversation_id": "c", "message_id": "m"}\n\n'
    expect((await decodeError(bodyOf([insertAfter(GPT_4O.bytes, '"\\u660e"', blocked)]))).error.code).toBe('moderation')
    const legacy = 'data: {"conversation_id": "c", "message_id": "m", "is_completion": true, "moderation_response": {"flagged": true, "blocked": true}}\n\n'
    expect((await decodeError(bodyOf([insertAfter(LEGACY.bytes, '\\u660e\\u767d', legacy)]))).error.code).toBe('moderation')
  })

  it('raises `unknown` for a JSON body (2024 WebSocket mode): the answer was not streamed', async () => {
    const body = '{"conversation_id":"c","websocket_request_id":"w","response_id":"r","wss_url":"wss://chatgpt.com/ws"}'
    const { error } = await decodeError(bodyOf([utf8(body.slice(0, 10)), utf8(body.slice(10))]))
    expect(error.code).toBe('unknown')
    expect(error.message).toMatch(/not stream/)
  })

  it('stops reading and raises `interrupted` on an event that never ends (F11)', async () => {
    let pulls = 0
    const chunk = utf8('x'.repeat(64 * 1024))
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++
        controller.enqueue(pulls === 1 ? utf8('data: ') : chunk)
        if (pulls > 80) controller.close() // 5 MiB: far past the 1 MiB cap
      },
    })
    const { error } = await decodeError(body)
    expect(error.code).toBe('interrupted')
    expect(pulls).toBeLessThan(24)
  })
})

describe('decodeAnswerStream: stopping and dropped connections', () => {
  /** A body that sends `bytes`, then stays open until cancelled (a stalled or endless stream). */
  function openBody(bytes: Uint8Array) {
    const state = { cancelled: false, reason: undefined as unknown }
    let sent = false
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) controller.enqueue(bytes)
        sent = true
        return new Promise<void>(() => {})
      },
      cancel(reason) {
        state.cancelled = true
        state.reason = reason
      },
    })
    return { body, state }
  }

  it('stops on abort while waiting for bytes, cancels the body and raises `aborted`', async () => {
    const { body, state } = openBody(GPT_4O.bytes.subarray(0, 2000))
    const controller = new AbortController()
    const generator = decodeAnswerStream(body, { signal: controller.signal })
    const first = await generator.next()
    expect(first.done).toBe(false)
    const pending = generator.next()
    controller.abort()
    await expect(pending).rejects.toMatchObject({ code: 'aborted' })
    expect(state.cancelled).toBe(true)
  })

  it('raises `aborted` at once for an already-aborted signal and cancels the body', async () => {
    const { body, state } = openBody(GPT_4O.bytes)
    const controller = new AbortController()
    controller.abort()
    await expect(decodeAnswerStream(body, { signal: controller.signal }).next()).rejects.toMatchObject({ code: 'aborted' })
    expect(state.cancelled).toBe(true)
  })

  it('cancels the body when the consumer stops early', async () => {
    const { body, state } = openBody(GPT_4O.bytes.subarray(0, 2000))
    for await (const update of decodeAnswerStream(body)) {
      expect(update.textSoFar.length).toBeGreaterThan(0)
      break
    }
    expect(state.cancelled).toBe(true)
  })

  function droppingBody(bytes: Uint8Array): ReadableStream<Uint8Array> {
    let sent = false
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.error(new TypeError('terminated'))
        sent = true
        controller.enqueue(bytes)
      },
    })
  }

  it('treats a dropped connection as interrupted, or complete after the completion signal', async () => {
    const midAnswer = await decodeAll(droppingBody(GPT_4O.bytes.subarray(0, 3000)))
    expect(midAnswer.outcome.kind).toBe('interrupted')
    expect(midAnswer.outcome.last.textSoFar.length).toBeGreaterThan(0)
    // The page itself aborts right after message_stream_complete (S3 has no [DONE]).
    const afterSignal = await decodeAll(droppingBody(S3.bytes))
    expect(afterSignal.outcome).toMatchObject({ kind: 'complete', last: { textSoFar: S3.expectedText } })
  })
})
