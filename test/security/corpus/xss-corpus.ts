/**
 * The XSS corpus (threats T1, goal G1): the hand-written vectors plus generated mixes, each with a
 * number, and each `XSS()` turned into a call the browser detector can attribute to that number
 * (`alert(n)` for odd ones, the hooked global `__xss(n)` for even ones, so both channels are
 * exercised). Deterministic: the generated part uses a fixed seed.
 */
import fc from 'fast-check'
import { ATTRIBUTE_VECTORS, HTML_VECTORS } from './xss-classic'
import { ENTITY_UNICODE_VECTORS, FENCE_VECTORS, LINK_TRICK_VECTORS, URL_VECTORS } from './xss-markdown'

export type XssCategory = 'html' | 'attribute' | 'url-scheme' | 'link-trick' | 'entity-unicode' | 'fence' | 'generated'

export interface XssPayload {
  id: number
  category: XssCategory
  markdown: string
}

/** What a generated mix is built from: dangerous fragments inside markdown constructs. */
const FRAGMENTS: readonly string[] = [
  '<img src=x onerror=XSS()>', '<script>XSS()</script>', '<svg onload=XSS()>', 'javascript:XSS()',
  '"', "'", '`', '<', '>', '](', '[', ')', '&#x6A;', '&lt;', '&amp;', '\\', '\n', '*', '_', '~~', '|',
  'data:text/html,<b>', '<a href=', 'onmouseover=XSS()', '<!--', '-->', '<![CDATA[', '```', '\u200b',
  '\u202e', 'ｊ', '%0a', 'https://example.com', ' ', '#',
]

const fragment = fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 }))
const inline = fc.array(fragment, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''))

/** Markdown constructs a fragment can sit inside. */
const WRAPPERS: ReadonlyArray<(s: string) => string> = [
  (s) => s,
  (s) => `**${s}**`,
  (s) => `*${s}*`,
  (s) => `[${s}](https://example.com)`,
  (s) => `[t](${s})`,
  (s) => `![${s}](${s})`,
  (s) => `<${s}>`,
  (s) => `> ${s}`,
  (s) => `- ${s}`,
  (s) => `| ${s} |\n|---|\n| ${s} |`,
  (s) => `# ${s}`,
  (s) => `\`${s}\``,
  (s) => `[r][x]\n[x]: ${s}`,
  (s) => `\`\`\`${s}\n${s}\n\`\`\``,
]

const generatedDoc = fc
  .array(fc.tuple(fc.integer({ min: 0, max: WRAPPERS.length - 1 }), inline), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.map(([w, s]) => (WRAPPERS[w] as (s: string) => string)(s)).join(' '))

/** Fixed so the corpus (and its counts) are the same on every run. */
export const GENERATED_SEED = 20261126
export const GENERATED_COUNT = 120

function generated(count: number, seed: number): string[] {
  return fc.sample(generatedDoc, { numRuns: count, seed })
}

function withCode(markdown: string, id: number): string {
  return markdown.replaceAll('XSS()', id % 2 === 1 ? `alert(${id})` : `__xss(${id})`)
}

/** The full corpus, numbered from 1. */
export function xssCorpus(): XssPayload[] {
  const groups: Array<[XssCategory, readonly string[]]> = [
    ['html', HTML_VECTORS],
    ['attribute', ATTRIBUTE_VECTORS],
    ['url-scheme', URL_VECTORS],
    ['link-trick', LINK_TRICK_VECTORS],
    ['entity-unicode', ENTITY_UNICODE_VECTORS],
    ['fence', FENCE_VECTORS],
    ['generated', generated(GENERATED_COUNT, GENERATED_SEED)],
  ]
  const corpus: XssPayload[] = []
  const seen = new Set<string>()
  for (const [category, list] of groups) {
    for (const markdown of list) {
      if (seen.has(markdown)) continue
      seen.add(markdown)
      const id = corpus.length + 1
      corpus.push({ id, category, markdown: withCode(markdown, id) })
    }
  }
  return corpus
}

/** Payload counts per category, for the printed summary. */
export function countByCategory(corpus: readonly XssPayload[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const p of corpus) counts[p.category] = (counts[p.category] ?? 0) + 1
  return counts
}
