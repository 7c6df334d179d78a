/**
 * Token rules for the lazy highlighter. Every pattern is sticky and linear (no nested
 * quantifiers), so hostile code cannot make highlighting slow (threats T16).
 */
import type { HighlightLanguage } from './code-language'

export type SegmentKind = 'keyword' | 'string' | 'number' | 'comment' | 'literal' | 'variable' | 'key'

/** A rule: a sticky regex and the kind it yields; `word` rules classify identifiers. */
export interface Rule {
  kind: SegmentKind | 'word'
  pattern: RegExp
}

export interface Language {
  rules: readonly Rule[]
  keywords: ReadonlySet<string>
  literals: ReadonlySet<string>
}

const words = (list: string) => new Set(list.split(' '))
const rule = (kind: Rule['kind'], source: string): Rule => ({ kind, pattern: new RegExp(source, 'y') })

const NUMBER = rule('number', String.raw`(?:0[xX][\da-fA-F_]+|0[bBoO][0-7_]+|\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?n?)`)
const DQ = rule('string', String.raw`"(?:[^"\\\n]|\\.)*"?`)
const SQ = rule('string', String.raw`'(?:[^'\\\n]|\\.)*'?`)
const WORD = rule('word', String.raw`[A-Za-z_$][\w$]*`)

const JS_KEYWORDS =
  'async await break case catch class const continue debugger default delete do else export extends finally for from function get if import in instanceof let new of return set static super switch this throw try typeof var void while with yield'
const TS_KEYWORDS = `${JS_KEYWORDS} abstract as declare enum implements interface keyof namespace private protected public readonly satisfies type`

const jsRules: readonly Rule[] = [
  rule('comment', String.raw`\/\/[^\n]*`),
  rule('comment', String.raw`\/\*[\s\S]*?(?:\*\/|$)`),
  DQ,
  SQ,
  rule('string', String.raw`\x60(?:[^\x60\\]|\\[\s\S])*\x60?`),
  NUMBER,
  WORD,
]

/** The languages the highlighter supports, by normalised name. */
export const LANGUAGES: Record<HighlightLanguage, Language> = {
  js: { rules: jsRules, keywords: words(JS_KEYWORDS), literals: words('true false null undefined NaN Infinity') },
  ts: { rules: jsRules, keywords: words(TS_KEYWORDS), literals: words('true false null undefined NaN Infinity') },
  python: {
    rules: [
      rule('comment', '#[^\\n]*'),
      rule('string', String.raw`[rRbBuUfF]{0,2}("""|''')[\s\S]*?(?:\1|$)`),
      rule('string', String.raw`[rRbBuUfF]{0,2}"(?:[^"\\\n]|\\.)*"?`),
      rule('string', String.raw`[rRbBuUfF]{0,2}'(?:[^'\\\n]|\\.)*'?`),
      rule('keyword', String.raw`@[A-Za-z_][\w.]*`),
      NUMBER,
      WORD,
    ],
    keywords: words('and as assert async await break class continue def del elif else except finally for from global if import in is lambda match case nonlocal not or pass raise return try while with yield'),
    literals: words('True False None self'),
  },
  bash: {
    rules: [
      rule('comment', String.raw`(?:^|(?<=\s))#[^\n]*`),
      DQ,
      rule('string', "'[^']*'?"),
      rule('variable', String.raw`\$(?:\{[^}\n]*\}?|[A-Za-z_]\w*|[@#?$!*0-9-])`),
      rule('word', String.raw`[A-Za-z_][\w-]*`),
    ],
    keywords: words('if then else elif fi for while until do done case esac function in return export local readonly set unset source sudo'),
    literals: words('true false'),
  },
  json: {
    rules: [
      rule('key', String.raw`"(?:[^"\\\n]|\\.)*"(?=[ \t\r\n]*:)`),
      DQ,
      rule('number', String.raw`-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?`),
      WORD,
    ],
    keywords: new Set(),
    literals: words('true false null'),
  },
}
