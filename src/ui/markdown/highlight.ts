/**
 * A tiny tokenizer-based highlighter for js/ts/python/bash/json. Loaded with `import()` after the
 * first render (load-highlighter.ts), so it never counts against the popup's initial bundle. It
 * returns text segments, never HTML: CodeBlock turns them into spans.
 */
import type { HighlightLanguage } from './code-language'
import { LANGUAGES, type SegmentKind } from './highlight-rules'

/** A run of code text and its kind (`undefined` = plain). */
export interface Segment {
  kind?: SegmentKind
  text: string
}

/** Splits `code` into highlighted segments; concatenating their text gives back `code`. */
export function highlight(code: string, language: HighlightLanguage): Segment[] {
  const { rules, keywords, literals } = LANGUAGES[language]
  const segments: Segment[] = []
  let plainStart = 0
  let i = 0
  const push = (kind: SegmentKind | undefined, text: string) => {
    const last = segments[segments.length - 1]
    if (!kind && last && !last.kind) last.text += text
    else segments.push(kind ? { kind, text } : { text })
  }
  while (i < code.length) {
    let matched = false
    for (const { kind, pattern } of rules) {
      pattern.lastIndex = i
      const m = pattern.exec(code)
      if (!m || m[0].length === 0) continue
      const text = m[0]
      const resolved = kind !== 'word' ? kind : keywords.has(text) ? 'keyword' : literals.has(text) ? 'literal' : undefined
      if (plainStart < i) push(undefined, code.slice(plainStart, i))
      push(resolved, text)
      i += text.length
      plainStart = i
      matched = true
      break
    }
    if (!matched) i += 1
  }
  if (plainStart < code.length) push(undefined, code.slice(plainStart))
  return segments
}
