import { describe, expect, it } from 'vitest'
import { createDeltaDecoder } from './delta-decoder'

const root = (id: string, role = 'assistant') => ({
  message: { id, author: { role }, content: { content_type: 'text', parts: [''] }, status: 'in_progress' },
  conversation_id: 'conv',
  error: null,
})
const textOf = (value: unknown) => (value as { message: { content: { parts: string[] } } }).message.content.parts[0]
const statusOf = (value: unknown) => (value as { message: { status: string } }).message.status

describe('createDeltaDecoder', () => {
  it('installs a root with p:"" add and appends by carried p/o', () => {
    const decoder = createDeltaDecoder()
    expect(decoder.applyFrame({ p: '', o: 'add', v: root('a'), c: 0 })).toMatchObject({ channel: 0, installedRoot: true, skipped: 0 })
    decoder.applyFrame({ p: '/message/content/parts/0', o: 'append', v: 'Hel' })
    const result = decoder.applyFrame({ v: 'lo' })
    expect(result).toMatchObject({ channel: 0, installedRoot: false, skipped: 0 })
    expect(result.touched[0]).toMatchObject({ appendedText: 'lo' })
    expect(textOf(decoder.roots.get(0))).toBe('Hello')
  })

  it('carries c, p and o independently, never v', () => {
    const decoder = createDeltaDecoder()
    decoder.applyFrame({ p: '', o: 'add', v: root('a'), c: 0 })
    decoder.applyFrame({ v: root('b'), c: 3 })
    decoder.applyFrame({ p: '/message/content/parts/0', o: 'append', v: 'x' }) // c carried: 3
    decoder.applyFrame({ p: '/message/status', v: 'finished_successfully', o: 'replace' })
    decoder.applyFrame({ c: 0, v: 'done' }) // p and o carried onto channel 0
    expect(textOf(decoder.roots.get(3))).toBe('x')
    expect(statusOf(decoder.roots.get(3))).toBe('finished_successfully')
    expect(statusOf(decoder.roots.get(0))).toBe('done')
    expect(decoder.applyFrame({ p: '/message/status', o: 'replace' })).toMatchObject({ skipped: 1 }) // no v: nothing to carry
  })

  it('a bare {v:{message…},c:N} installs a root on a new channel whatever was carried', () => {
    const decoder = createDeltaDecoder()
    decoder.applyFrame({ p: '', o: 'add', v: root('sys', 'system'), c: 0 })
    decoder.applyFrame({ p: '/message/content/parts/0', o: 'append', v: 'text' })
    const result = decoder.applyFrame({ v: root('next'), c: 1 })
    expect(result).toMatchObject({ channel: 1, installedRoot: true })
    // …and p:"" / o:"add" are what is carried afterwards, as in the 2026 streams' final patch.
    decoder.applyFrame({ o: 'patch', v: [{ p: '/message/content/parts/0', o: 'append', v: 'answer' }] })
    expect(textOf(decoder.roots.get(1))).toBe('answer')
  })

  it('a bare root frame on an existing channel follows carried p/o (replace the root)', () => {
    const decoder = createDeltaDecoder()
    decoder.applyFrame({ p: '', o: 'add', v: root('a'), c: 0 })
    decoder.applyFrame({ v: root('b'), c: 0 })
    expect((decoder.roots.get(0) as { message: { id: string } }).message.id).toBe('b')
  })

  it('keeps roots in install order; re-installing moves a channel to the end', () => {
    const decoder = createDeltaDecoder()
    decoder.applyFrame({ p: '', o: 'add', v: root('a'), c: 0 })
    decoder.applyFrame({ v: root('b'), c: 1 })
    decoder.applyFrame({ p: '', o: 'add', v: root('c'), c: 0 })
    expect([...decoder.roots.keys()]).toEqual([1, 0])
  })

  it('skips frames with mistyped c/p/o without disturbing what is carried', () => {
    const decoder = createDeltaDecoder()
    decoder.applyFrame({ p: '', o: 'add', v: root('a'), c: 0 })
    decoder.applyFrame({ p: '/message/content/parts/0', o: 'append', v: 'a' })
    for (const bad of [{ c: -1, v: 'x' }, { c: 'zero', v: 'x' }, { p: 5, v: 'x' }, { o: null, v: 'x' }, { c: 1.5, v: 'x' }]) {
      expect(decoder.applyFrame(bad)).toMatchObject({ skipped: 1, touched: [] })
    }
    decoder.applyFrame({ v: 'b' })
    expect(textOf(decoder.roots.get(0))).toBe('ab')
  })

  it('a continuation after a non-text pointer follows that pointer, never the answer text (F10)', () => {
    const decoder = createDeltaDecoder()
    decoder.applyFrame({ p: '', o: 'add', v: root('a'), c: 0 })
    decoder.applyFrame({ p: '/message/content/parts/0', o: 'append', v: 'Answer' })
    decoder.applyFrame({ p: '/message/status', o: 'replace', v: 'in_progress' })
    decoder.applyFrame({ v: 'finished_successfully' })
    // After a patch, a string continuation is not a patch: skipped (the official decoder's reading).
    decoder.applyFrame({ p: '', o: 'patch', v: [{ p: '/message/end_turn', o: 'replace', v: true }] })
    expect(decoder.applyFrame({ v: 'stray status text' })).toMatchObject({ skipped: 1 })
    expect(textOf(decoder.roots.get(0))).toBe('Answer')
    expect(statusOf(decoder.roots.get(0))).toBe('finished_successfully')
  })

  it('skips ops on channels without a root and unknown ops', () => {
    const decoder = createDeltaDecoder()
    expect(decoder.applyFrame({ p: '/message/content/parts/0', o: 'append', v: 'x', c: 4 })).toMatchObject({ skipped: 1 })
    decoder.applyFrame({ p: '', o: 'add', v: root('a'), c: 0 })
    expect(decoder.applyFrame({ p: '/message/status', o: 'upsert', v: 'x' })).toMatchObject({ skipped: 1 })
    expect(decoder.roots.size).toBe(1)
  })
})
