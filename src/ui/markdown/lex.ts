/**
 * The one call into marked. Only its lexer is used: tokens become preact VNodes in
 * render-block.tsx, so no HTML string is ever produced or parsed (threats T1).
 */
import { Lexer, type MarkedOptions, type Token } from 'marked'
import { cjkStrong } from './cjk-strong'
import { withinLexBudget, withinRenderBudget } from './lex-budget'

const OPTIONS: MarkedOptions = { gfm: true, breaks: false, extensions: { renderers: {}, childTokens: {}, inline: [cjkStrong] } }

/**
 * Lexes one block. A block over the lexing or rendering budget (lex-budget.ts), or a lexer failure
 * (for example a stack overflow on absurdly nested input, threats T16), yields `undefined` so the
 * caller shows the source as plain text.
 */
export function lexBlock(source: string): Token[] | undefined {
  if (!withinLexBudget(source)) return undefined
  try {
    // Called through `Lexer.lex` on purpose: tests count calls with `vi.spyOn(Lexer, 'lex')`.
    const tokens = Lexer.lex(source, OPTIONS)
    return withinRenderBudget(tokens) ? tokens : undefined
  } catch {
    return undefined
  }
}
