/**
 * Which blocks are too costly to show as markdown (threats T16, goal G17). marked's lexer is
 * superlinear on a few shapes: thousands of emphasis delimiter runs (`*a*a*a…`), deep list or
 * quote nesting, long runs of `[` or `<`; a block of thousands of tokens costs the page a long
 * task to build, and so does one paragraph of 100 KB laid out as a single text node. Only hostile
 * or broken output looks like that, so such a block is shown as (chunked) plain text. The check is one linear pass; fenced code is skipped, since the lexer takes it verbatim.
 * Limits are set well below where a block costs tens of milliseconds (measured in Node and in the
 * popup, e2e/security/renderer-robustness.e2e.ts).
 */
import type { Token } from 'marked'
import { MAX_DEPTH } from './render-inline'

export const LEX_LIMITS = {
  /** Characters outside fenced code: one block this long is not prose anyone wrote. */
  chars: 32_000,
  /** Quote markers, or list levels at 4 columns each, beyond what the renderer shows anyway. */
  quoteDepth: MAX_DEPTH,
  indent: 4 * MAX_DEPTH,
  emphasisRuns: 1_500,
  brackets: 3_000,
  angles: 3_000,
  /** Tokens in one block, nested ones included: about the DOM nodes it becomes. */
  tokens: 5_000,
} as const

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t\r]*$/
// marked treats `**_~~` as three delimiter runs, one per character.
const EMPHASIS_RUN = /\*+|_+|~+/g

function count(text: string, char: string): number {
  let n = 0
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n += 1
  return n
}

/** False when `source` would take the lexer too long (or nest past what renders). */
export function withinLexBudget(source: string): boolean {
  let fence: string | undefined
  const outside: string[] = []
  for (const line of source.split('\n')) {
    if (fence) {
      const close = FENCE_CLOSE.exec(line)?.[1]
      if (close && close[0] === fence[0] && close.length >= fence.length) fence = undefined
      continue
    }
    fence = FENCE_OPEN.exec(line)?.[1]
    if (fence) continue
    const indent = /^[ \t]*/.exec(line)?.[0] ?? ''
    if (indent.length + 3 * count(indent, '\t') > LEX_LIMITS.indent) return false
    const prefix = /^[\s>]*/.exec(line)?.[0] ?? ''
    if (count(prefix, '>') > LEX_LIMITS.quoteDepth) return false
    outside.push(line)
  }
  const text = outside.join('\n')
  return (
    text.length <= LEX_LIMITS.chars &&
    (text.match(EMPHASIS_RUN)?.length ?? 0) <= LEX_LIMITS.emphasisRuns &&
    count(text, '[') <= LEX_LIMITS.brackets &&
    count(text, '<') <= LEX_LIMITS.angles
  )
}

/** False when the lexed block has more tokens than a page should build in one go. */
export function withinRenderBudget(tokens: readonly Token[]): boolean {
  let total = 0
  const stack: unknown[] = [...tokens]
  while (stack.length > 0) {
    const token = stack.pop() as Record<string, unknown>
    if (++total > LEX_LIMITS.tokens) return false
    for (const key of ['tokens', 'items'] as const) {
      const children = token[key]
      if (Array.isArray(children)) stack.push(...(children as unknown[]))
    }
    const cells = [...((token.header as unknown[]) ?? []), ...((token.rows as unknown[][]) ?? []).flat()]
    for (const cell of cells) {
      const children = (cell as { tokens?: unknown[] }).tokens
      if (children) stack.push(...children)
    }
  }
  return true
}
