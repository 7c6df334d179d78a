/**
 * `**粗体：**后文` is bold on chatgpt.com but not under CommonMark's flanking rules: a closing `**`
 * after punctuation must be followed by whitespace or punctuation, and Chinese puts neither
 * between a full-width colon or quote and the next word (the same for an opening `**` before
 * `「` or `“`). So, as CJK-aware renderers do, a `**…**` run whose inner edge, or the character
 * after it, is CJK (ideographs, kana, hangul, full-width punctuation) is strong emphasis on its
 * own. Everything else goes through marked's own rules untouched.
 */
import type { Tokens, TokenizerExtensionFunction } from 'marked'

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u
// No `*` inside (nested emphasis stays marked's job), no whitespace at either inner edge.
const STRONG = /^\*\*(?![\s*])([^*]*?[^\s*])\*\*(?!\*)/

export const cjkStrong: TokenizerExtensionFunction = function (src) {
  const match = STRONG.exec(src)
  const inner = match?.[1]
  if (!match || !inner) return undefined
  const after = src.charAt(match[0].length)
  if (!CJK.test(inner.charAt(0)) && !CJK.test(inner.charAt(inner.length - 1)) && !CJK.test(after)) return undefined
  const token: Tokens.Strong = { type: 'strong', raw: match[0], text: inner, tokens: this.lexer.inlineTokens(inner) }
  return token
}
