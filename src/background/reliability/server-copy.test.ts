import { describe, expect, it } from 'vitest'
import type { RecoveredAnswer } from '../../core/chatgpt/conversation-snapshot'
import { pickOwnAnswer, POLLS, pollServerCopy, type ServerCopyDeps } from './server-copy'

const answer = (messageId: string, text: string, finished: boolean): RecoveredAnswer => ({ messageId, text, finished })

function scripted(reads: (RecoveredAnswer | undefined | Error)[]) {
  const waits: number[] = []
  let call = 0
  const deps: ServerCopyDeps = {
    async readAnswer() {
      const next = reads[Math.min(call++, reads.length - 1)]
      if (next instanceof Error) throw next
      return next
    },
    async sleep(ms, signal) {
      if (signal.aborted) throw new Error('stopped')
      waits.push(ms)
    },
  }
  return { deps, waits, calls: () => call }
}

const signal = new AbortController().signal

describe('pickOwnAnswer', () => {
  it('with the message id known, only that message', () => {
    expect(pickOwnAnswer(answer('a', 'x', true), { messageId: 'a' }, new Set())).toBeDefined()
    expect(pickOwnAnswer(answer('b', 'x', true), { messageId: 'a' }, new Set())).toBeUndefined()
  })

  it('without it, anything but an answer the thread already had', () => {
    expect(pickOwnAnswer(answer('old', 'x', true), {}, new Set(['old']))).toBeUndefined()
    expect(pickOwnAnswer(answer('new', 'x', true), {}, new Set(['old']))).toBeDefined()
    expect(pickOwnAnswer(undefined, {}, new Set())).toBeUndefined()
  })
})

describe('pollServerCopy', () => {
  it('needs a conversation to look in', async () => {
    const s = scripted([answer('a', 'x', true)])
    expect(await pollServerCopy(s.deps, {}, new Set(), signal)).toEqual({ kind: 'none' })
    expect(s.calls()).toBe(0)
  })

  it('returns a finished answer at once', async () => {
    const s = scripted([answer('a', 'done', true)])
    expect(await pollServerCopy(s.deps, { conversationId: 'c', messageId: 'a' }, new Set(), signal)).toMatchObject({ kind: 'finished', answer: { text: 'done' } })
    expect(s.waits).toEqual([])
  })

  it('follows an answer still being written, with growing waits, reporting the text', async () => {
    const s = scripted([answer('a', 'd', false), answer('a', 'do', false), answer('a', 'done', true)])
    const seen: string[] = []
    const copy = await pollServerCopy(s.deps, { conversationId: 'c', messageId: 'a' }, new Set(), signal, (a) => seen.push(a.text))
    expect(copy).toMatchObject({ kind: 'finished', answer: { text: 'done' } })
    expect(seen).toEqual(['d', 'do'])
    expect(s.waits).toEqual([1_000, 2_000])
  })

  it('gives up after the bound with what it has', async () => {
    const s = scripted([answer('a', 'part', false)])
    expect(await pollServerCopy(s.deps, { conversationId: 'c', messageId: 'a' }, new Set(), signal)).toMatchObject({ kind: 'partial', answer: { text: 'part' } })
    expect(s.calls()).toBe(POLLS)
    expect(s.waits.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(120_000)
  })

  it('gives up after two reads that show only an earlier answer', async () => {
    const s = scripted([answer('old', 'previous', true)])
    expect(await pollServerCopy(s.deps, { conversationId: 'c' }, new Set(['old']), signal)).toEqual({ kind: 'none' })
    expect(s.calls()).toBe(2)
  })

  it('stops at the first failed read', async () => {
    const s = scripted([new Error('500')])
    expect(await pollServerCopy(s.deps, { conversationId: 'c' }, new Set(), signal)).toEqual({ kind: 'none' })
    expect(s.calls()).toBe(1)
  })

  it('Stop ends the wait', async () => {
    const controller = new AbortController()
    controller.abort()
    const s = scripted([answer('a', 'part', false)])
    await expect(pollServerCopy(s.deps, { conversationId: 'c', messageId: 'a' }, new Set(), controller.signal)).rejects.toThrow('stopped')
  })
})
