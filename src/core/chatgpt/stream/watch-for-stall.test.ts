// The idle watchdog on an answer stream (F6): silence past the limit is a stall, any byte restarts
// the clock, a slow reader is not a stall, and a completed answer is never turned into a stall.
import { describe, expect, it } from 'vitest'
import type { ChatGptError } from '../chatgpt-error'
import { bodyOf, decodeAll, utf8 } from './testing/byte-streams'
import { loadStreamFixtures } from './testing/stream-fixtures'
import { StreamStalledError, watchForStall } from './watch-for-stall'

const fixture = loadStreamFixtures().find((f) => f.name === 'ml-demo-2024-10-16-delta-v1-gpt-4o')!
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Sends each chunk after its delay, then stays open (or ends, when `end`) until cancelled. */
function timedBody(parts: { delayMs: number; bytes: Uint8Array }[], end = false) {
  const state = { cancelled: false }
  let next = 0
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const part = parts[next++]
        if (!part) {
          if (end) return controller.close()
          return new Promise<void>(() => {})
        }
        await sleep(part.delayMs)
        controller.enqueue(part.bytes)
      },
      cancel() {
        state.cancelled = true
      },
    },
    { highWaterMark: 0 },
  )
  return { body, state }
}

describe('watchForStall', () => {
  it('raises StreamStalledError (code interrupted) after the limit without a byte, and cancels the body', async () => {
    const { body, state } = timedBody([{ delayMs: 0, bytes: fixture.bytes.subarray(0, 1500) }])
    const started = Date.now()
    const error = await decodeAll(body, { idleTimeoutMs: 150 }).catch((e: unknown) => e)
    const waited = Date.now() - started
    console.log(`[stall watchdog] limit=150 ms detected after ${waited} ms`)
    expect(error).toBeInstanceOf(StreamStalledError)
    expect((error as ChatGptError).code).toBe('interrupted')
    expect(waited).toBeGreaterThanOrEqual(140)
    expect(state.cancelled).toBe(true)
  })

  it('restarts the clock on every chunk: many short gaps never add up to a stall', async () => {
    const chunks = Array.from({ length: 8 }, (_, i) => ({ delayMs: 60, bytes: fixture.bytes.subarray(i * 10, i * 10 + 10) }))
    chunks.push({ delayMs: 60, bytes: fixture.bytes.subarray(80) })
    const { body } = timedBody(chunks, true)
    const { outcome } = await decodeAll(body, { idleTimeoutMs: 200 })
    expect(outcome).toMatchObject({ kind: fixture.expectedOutcome, last: { textSoFar: fixture.expectedText } })
  })

  it('does not count a slow reader as a stall', async () => {
    const watch = watchForStall(bodyOf([utf8('data: x\n\n')]), 50)
    const reader = watch.body.getReader()
    await sleep(150)
    expect(await reader.read()).toMatchObject({ done: false })
    expect(await reader.read()).toMatchObject({ done: true })
    expect(watch.stalled()).toBeUndefined()
  })

  it('keeps a completed answer complete even if the connection then goes quiet', async () => {
    const { body } = timedBody([{ delayMs: 0, bytes: fixture.bytes }])
    const { outcome } = await decodeAll(body, { idleTimeoutMs: 100 })
    expect(outcome.kind).toBe('complete')
  })

  it('without a limit, waits as long as the connection is open', async () => {
    const { body, state } = timedBody([{ delayMs: 0, bytes: fixture.bytes.subarray(0, 1500) }])
    const controller = new AbortController()
    const pending = decodeAll(body, { signal: controller.signal })
    await sleep(200)
    controller.abort()
    await expect(pending).rejects.toMatchObject({ code: 'aborted' })
    expect(state.cancelled).toBe(true)
  })
})
