import { describe, expect, it } from 'vitest'
import { blocksOf, scanBlocks, splitBlocks, updateBlocks } from './split-blocks'

const sources = (text: string) => splitBlocks(text).map((b) => b.source)

describe('splitBlocks', () => {
  it('splits at a blank line followed by a column-0 line', () => {
    expect(sources('# Title\n\nPara one\nstill one\n\nPara two')).toEqual(['# Title\n\n', 'Para one\nstill one\n\n', 'Para two'])
  })

  it('keeps offsets that point into the whole text', () => {
    const text = 'a\n\nb\n\nc'
    for (const block of splitBlocks(text)) expect(text.slice(block.start, block.start + block.source.length)).toBe(block.source)
  })

  it('does not split inside a fenced code block, even at blank lines', () => {
    const text = '```py\ndef f():\n\nreturn 1\n```\n\nafter'
    expect(sources(text)).toEqual(['```py\ndef f():\n\nreturn 1\n```\n\n', 'after'])
  })

  it('treats an unclosed fence as running to the end', () => {
    expect(sources('intro\n\n~~~\ncode\n\nmore code')).toEqual(['intro\n\n', '~~~\ncode\n\nmore code'])
  })

  it('needs a closing fence of the same character and at least the same length', () => {
    expect(sources('````\n```\n\nx\n````\n\ny')).toEqual(['````\n```\n\nx\n````\n\n', 'y'])
    expect(sources('```\n~~~\n\nx\n```\n\ny')).toEqual(['```\n~~~\n\nx\n```\n\n', 'y'])
  })

  it('keeps indented continuations (list item paragraphs, indented code) in their block', () => {
    expect(sources('1. item\n\n   more of item\n\n2. next')).toEqual(['1. item\n\n   more of item\n\n', '2. next'])
    expect(sources('text\n\n    code\n\n    more code')).toHaveLength(1)
  })

  it('is one block when there is no blank line', () => {
    expect(sources('| a | b |\n|---|---|\n| 1 | 2 |')).toHaveLength(1)
    expect(sources('')).toEqual([''])
  })

  it('handles CRLF line ends', () => {
    expect(sources('a\r\n\r\nb')).toEqual(['a\r\n\r\n', 'b'])
  })

  it('splits at the first character of a new block, before its line is complete', () => {
    expect(sources('para\n\n#')).toEqual(['para\n\n', '#'])
  })
})

describe('scanBlocks (incremental)', () => {
  const text = '# T\n\nSome *text*.\n\n```js\nlet a = 1\n\nlet b = 2\n```\n\n- a\n- b\n\n> quote\n\nend\n'

  it('gives the same blocks fed one character at a time as all at once', () => {
    let state = scanBlocks('')
    for (let i = 1; i <= text.length; i++) {
      state = scanBlocks(text.slice(0, i), state)
      expect(blocksOf(state)).toEqual(splitBlocks(text.slice(0, i)))
    }
  })

  it('never moves a boundary once found (prefix stability)', () => {
    const full = splitBlocks(text).map((b) => b.start)
    for (let i = 0; i <= text.length; i++) {
      const starts = splitBlocks(text.slice(0, i)).map((b) => b.start)
      for (const start of starts) expect(full).toContain(start)
    }
  })

  it('reuses finished Block objects and rescans from scratch when the text is replaced', () => {
    const first = scanBlocks('one\n\ntwo\n\nthr')
    const blocks = blocksOf(first)
    const next = scanBlocks('one\n\ntwo\n\nthree', first)
    expect(next.reused).toBe(2)
    const updated = updateBlocks(blocks, next)
    expect(updated[0]).toBe(blocks[0])
    expect(updated[1]).toBe(blocks[1])
    expect(updated[2]?.source).toBe('three')
    const replaced = scanBlocks('other', next)
    expect(replaced.reused).toBe(0)
    expect(blocksOf(replaced).map((b) => b.source)).toEqual(['other'])
  })
})
