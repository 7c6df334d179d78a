import { Lexer } from 'marked'
import { describe, expect, it, vi } from 'vitest'
import { LEX_LIMITS, withinLexBudget, withinRenderBudget } from './lex-budget'
import { lexBlock } from './lex'

const lex = (s: string) => Lexer.lex(s, { gfm: true })

describe('lex budget (threats T16)', () => {
  it('lets ordinary blocks through', () => {
    for (const block of [
      'A paragraph with **bold**, _em_, ~~del~~, `code` and a [link](https://example.com).',
      Array.from({ length: 200 }, (_, i) => `- item **${i}** with [a link](https://example.com/${i})`).join('\n'),
      ['| a | b |', '|---|---|', ...Array.from({ length: 300 }, (_, i) => `| ${i} | <b>${i}</b> |`)].join('\n'),
      '> quoted\n>> twice\n>>> three times',
      '```c\n' + 'int *p = *q; /* [x] <y> */\n'.repeat(5_000) + '```',
    ]) {
      expect(withinLexBudget(block)).toBe(true)
      expect(lexBlock(block)).toBeDefined()
    }
  })

  it('refuses the shapes that make the lexer superlinear', () => {
    expect(withinLexBudget('*a'.repeat(LEX_LIMITS.emphasisRuns + 1))).toBe(false)
    expect(withinLexBudget('**_~~'.repeat(LEX_LIMITS.emphasisRuns / 3 + 1))).toBe(false)
    expect(withinLexBudget('['.repeat(LEX_LIMITS.brackets + 1))).toBe(false)
    expect(withinLexBudget('<a '.repeat(LEX_LIMITS.angles + 1))).toBe(false)
    expect(withinLexBudget('>'.repeat(LEX_LIMITS.quoteDepth + 1) + ' deep')).toBe(false)
    expect(withinLexBudget('> '.repeat(LEX_LIMITS.quoteDepth + 1) + 'deep')).toBe(false)
    expect(withinLexBudget(Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- level`).join('\n'))).toBe(false)
    expect(withinLexBudget('lorem ipsum '.repeat(LEX_LIMITS.chars / 12 + 1))).toBe(false)
  })

  it('does not count fenced code, which the lexer takes verbatim', () => {
    const code = '```\n' + '*a[<'.repeat(10_000) + '\n```'
    expect(withinLexBudget(code)).toBe(true)
    // …but what follows the fence in the same block counts again.
    expect(withinLexBudget(`${code}\n${'*a'.repeat(LEX_LIMITS.emphasisRuns + 1)}`)).toBe(false)
    // An unclosed fence runs to the end of the block.
    expect(withinLexBudget('~~~\n' + '*a'.repeat(10_000))).toBe(true)
  })

  it('refuses a block that lexes into more tokens than a page should build at once', () => {
    expect(withinRenderBudget(lex('\\*'.repeat(LEX_LIMITS.tokens + 1)))).toBe(false)
    expect(withinRenderBudget(lex(['| a | b |', '|---|---|', ...Array.from({ length: 2_000 }, () => '| *x* | *y* |')].join('\n')))).toBe(false)
    expect(withinRenderBudget(lex('just some words'))).toBe(true)
  })

  it('makes lexBlock return undefined (shown as plain text) without handing the block to marked', () => {
    const spy = vi.spyOn(Lexer, 'lex')
    expect(lexBlock('*a'.repeat(35_000))).toBeUndefined()
    expect(lexBlock('>'.repeat(5_000) + ' deep')).toBeUndefined()
    expect(spy).not.toHaveBeenCalled()
    spy.mockRestore()
  })
})
