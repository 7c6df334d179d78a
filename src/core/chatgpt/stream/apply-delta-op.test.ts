import { describe, expect, it } from 'vitest'
import { applyDeltaOp } from './apply-delta-op'

const message = () => ({
  message: { id: 'm1', content: { content_type: 'text', parts: ['Hello'] }, status: 'in_progress', metadata: { a: 1 } },
  conversation_id: 'c1',
})

describe('applyDeltaOp', () => {
  it('add / replace at the root swap the whole root', () => {
    const next = { message: { id: 'm2' } }
    expect(applyDeltaOp(message(), { p: '', o: 'add', v: next }).root).toBe(next)
    expect(applyDeltaOp(undefined, { p: '', o: 'replace', v: next }).root).toBe(next)
  })

  it('append concatenates strings and reports the appended text', () => {
    const root = message()
    const result = applyDeltaOp(root, { p: '/message/content/parts/0', o: 'append', v: ', world' })
    expect(root.message.content.parts[0]).toBe('Hello, world')
    expect(result.touched).toEqual([{ path: ['message', 'content', 'parts', '0'], op: 'append', appendedText: ', world' }])
    expect(result.skipped).toBe(0)
  })

  it('append pushes onto arrays (spreading an array value) and merges objects', () => {
    const root = { list: [1], meta: { a: 1, b: 2 } }
    applyDeltaOp(root, { p: '/list', o: 'append', v: [2, 3] })
    applyDeltaOp(root, { p: '/list', o: 'append', v: 4 })
    applyDeltaOp(root, { p: '/meta', o: 'append', v: { b: 3, c: 4 } })
    expect(root).toEqual({ list: [1, 2, 3, 4], meta: { a: 1, b: 3, c: 4 } })
  })

  it('append to a missing key or a null placeholder sets the value', () => {
    const root: Record<string, unknown> = { finish_details: null }
    applyDeltaOp(root, { p: '/finish_details', o: 'append', v: { type: 'stop' } })
    applyDeltaOp(root, { p: '/finished_text', o: 'append', v: 'Thought for 3s' })
    expect(root).toEqual({ finish_details: { type: 'stop' }, finished_text: 'Thought for 3s' })
  })

  it('append with mismatched types is skipped, not coerced', () => {
    const root = message()
    const result = applyDeltaOp(root, { p: '/message/content/parts/0', o: 'append', v: { not: 'text' } })
    expect(result.skipped).toBe(1)
    expect(root.message.content.parts[0]).toBe('Hello')
  })

  it('replace sets values; add inserts into arrays; "-" appends', () => {
    const root = { status: 'in_progress', list: ['a', 'c'] }
    applyDeltaOp(root, { p: '/status', o: 'replace', v: 'finished_successfully' })
    applyDeltaOp(root, { p: '/list/1', o: 'add', v: 'b' })
    applyDeltaOp(root, { p: '/list/-', o: 'add', v: 'd' })
    applyDeltaOp(root, { p: '/list/0', o: 'replace', v: 'A' })
    expect(root).toEqual({ status: 'finished_successfully', list: ['A', 'b', 'c', 'd'] })
  })

  it('remove deletes keys and array elements', () => {
    const root: Record<string, unknown> = { a: 1, b: 2, list: [1, 2, 3] }
    applyDeltaOp(root, { p: '/a', o: 'remove', v: null })
    applyDeltaOp(root, { p: '/list/1', o: 'remove', v: null })
    expect(root).toEqual({ b: 2, list: [1, 3] })
    expect(applyDeltaOp(root, { p: '/missing', o: 'remove', v: null }).skipped).toBe(1)
  })

  it('truncate cuts strings and arrays to length v', () => {
    const root = { text: 'Hello, world', list: [1, 2, 3] }
    applyDeltaOp(root, { p: '/text', o: 'truncate', v: 5 })
    applyDeltaOp(root, { p: '/list', o: 'truncate', v: 1 })
    expect(root).toEqual({ text: 'Hello', list: [1] })
    expect(applyDeltaOp(root, { p: '/text', o: 'truncate', v: -1 }).skipped).toBe(1)
    expect(applyDeltaOp(root, { p: '/text', o: 'truncate', v: 'x' }).skipped).toBe(1)
  })

  it('patch applies sub-ops in order with paths relative to the parent pointer', () => {
    const root = message()
    const result = applyDeltaOp(root, {
      p: '/message',
      o: 'patch',
      v: [
        { p: '/content/parts/0', o: 'append', v: '!' },
        { p: '/status', o: 'replace', v: 'finished_successfully' },
        { p: '/end_turn', o: 'replace', v: true },
        { p: '/metadata', o: 'append', v: { finish_details: { type: 'stop' } } },
      ],
    })
    expect(result.skipped).toBe(0)
    expect(root.message).toMatchObject({
      content: { parts: ['Hello!'] },
      status: 'finished_successfully',
      end_turn: true,
      metadata: { a: 1, finish_details: { type: 'stop' } },
    })
    expect(result.touched.map((t) => t.path.join('/'))).toEqual(['message/content/parts/0', 'message/status', 'message/end_turn', 'message/metadata'])
  })

  it('patch skips malformed sub-ops and keeps the good ones', () => {
    const root = message()
    const result = applyDeltaOp(root, {
      p: '',
      o: 'patch',
      v: [{ p: '/message/nope/deeper', o: 'replace', v: 1 }, { o: 'replace', v: 1 }, 'junk', { p: '/message/status', o: 'replace', v: 'done' }],
    })
    expect(result.skipped).toBe(3)
    expect(root.message.status).toBe('done')
  })

  it('a patch whose v is not an array is skipped', () => {
    expect(applyDeltaOp(message(), { p: '', o: 'patch', v: 'text' }).skipped).toBe(1)
  })

  it('uses JSON-pointer escapes and numeric indexes', () => {
    const root = { 'a/b': { 'c~d': ['x'] } }
    applyDeltaOp(root, { p: '/a~1b/c~0d/0', o: 'append', v: 'y' })
    expect(root).toEqual({ 'a/b': { 'c~d': ['xy'] } })
  })

  it('skips unknown ops, unknown pointers and paths through missing parents', () => {
    const root = message()
    const before = JSON.stringify(root)
    for (const op of [
      { p: '/message/content/parts/0', o: 'frobnicate', v: 'x' },
      { p: 'message/content', o: 'replace', v: 'x' },
      { p: '/message/nothing/here', o: 'add', v: 'x' },
      { p: '/message/content/parts/5', o: 'replace', v: 'x' },
      { p: '/message/content/parts/01', o: 'replace', v: 'x' },
      { p: '/message/status/0', o: 'replace', v: 'x' },
    ]) {
      expect(applyDeltaOp(root, op)).toMatchObject({ skipped: 1, touched: [] })
    }
    expect(JSON.stringify(root)).toBe(before)
  })

  it('cannot reach or pollute prototypes', () => {
    const root = JSON.parse('{"message":{"metadata":{}}}') as Record<string, unknown>
    applyDeltaOp(root, { p: '/constructor/prototype/polluted', o: 'add', v: true })
    applyDeltaOp(root, { p: '/__proto__/polluted', o: 'add', v: true })
    applyDeltaOp(root, { p: '/message/metadata', o: 'append', v: JSON.parse('{"__proto__":{"polluted":true}}') })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf((root.message as { metadata: object }).metadata)).toBe(Object.prototype)
  })

  it('bounds patch nesting', () => {
    let op: unknown = { p: '/a', o: 'replace', v: 1 }
    for (let i = 0; i < 20; i++) op = { p: '', o: 'patch', v: [op] }
    const root = { a: 0 }
    expect(applyDeltaOp(root, op as { p: string; o: string; v: unknown }).skipped).toBe(1)
    expect(root.a).toBe(0)
  })
})
