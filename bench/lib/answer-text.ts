/**
 * A deterministic, ChatGPT-like markdown answer of a chosen size (headings, paragraphs with inline
 * marks and links, bullet and numbered lists, a GFM table, fenced code in several languages, a
 * quote), and its split into streaming deltas. The same text feeds every renderer compared.
 */

/** A small seeded PRNG (mulberry32), so every run streams the very same answer. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS = (
  'the request stream token worker popup render block answer markdown value cache frame delta ' +
  'browser session network latency buffer parser model thread message layout style server client ' +
  'function return object array string number error retry signal storage budget bundle chunk'
).split(' ')

function sentence(next: () => number, words = 8 + Math.floor(next() * 10)): string {
  const out: string[] = []
  for (let i = 0; i < words; i++) {
    const word = WORDS[Math.floor(next() * WORDS.length)] ?? 'value'
    const roll = next()
    if (roll < 0.04) out.push(`**${word}**`)
    else if (roll < 0.07) out.push(`*${word}*`)
    else if (roll < 0.1) out.push(`\`${word}()\``)
    else if (roll < 0.115) out.push(`[${word}](https://example.com/${word})`)
    else out.push(word)
  }
  const text = out.join(' ')
  return text.charAt(0).toUpperCase() + text.slice(1) + '.'
}

const paragraph = (next: () => number) => Array.from({ length: 2 + Math.floor(next() * 3) }, () => sentence(next)).join(' ')

const CODE: Record<string, string> = {
  ts: [
    'export async function readAnswer(stream: ReadableStream<Uint8Array>): Promise<string> {',
    '  const decoder = new TextDecoder()',
    '  let text = ""',
    '  for await (const chunk of stream) {',
    '    text += decoder.decode(chunk, { stream: true })',
    '    if (text.length > 100_000) throw new Error("answer too long")',
    '  }',
    '  return text + decoder.decode()',
    '}',
  ].join('\n'),
  python: [
    'def fibonacci(n: int) -> list[int]:',
    '    """Return the first n Fibonacci numbers."""',
    '    values = [0, 1]',
    '    while len(values) < n:',
    '        values.append(values[-1] + values[-2])',
    '    return values[:n]',
    '',
    'print(fibonacci(10))  # [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]',
  ].join('\n'),
  bash: ['set -euo pipefail', 'for file in dist/assets/*.js; do', '  printf "%s %d\\n" "$file" "$(gzip -c "$file" | wc -c)"', 'done'].join('\n'),
  json: ['{', '  "name": "ask-anywhere",', '  "version": "0.1.0",', '  "budgets": { "popup": 40960, "worker": 30720 },', '  "enabled": true', '}'].join('\n'),
}

function section(next: () => number, index: number): string {
  const parts: string[] = [`## ${index + 1}. ${sentence(next, 4).slice(0, -1)}`, paragraph(next)]
  const kind = index % 4
  if (kind === 0) {
    parts.push(Array.from({ length: 4 }, () => `- ${sentence(next, 6)}`).join('\n'))
    parts.push('```ts\n' + CODE.ts + '\n```')
  } else if (kind === 1) {
    parts.push(Array.from({ length: 4 }, (_, i) => `${i + 1}. ${sentence(next, 7)}`).join('\n'))
    parts.push('| Option | Default | Meaning |\n|---|:---:|---|\n' +
      Array.from({ length: 5 }, (_, i) => `| \`opt${index}_${i}\` | ${Math.floor(next() * 100)} | ${sentence(next, 5)} |`).join('\n'))
  } else if (kind === 2) {
    parts.push('```python\n' + CODE.python + '\n```')
    parts.push(`> ${sentence(next)} ${sentence(next)}`)
    parts.push(Array.from({ length: 3 }, () => `- ${sentence(next, 5)}\n  - ${sentence(next, 4)}`).join('\n'))
  } else {
    parts.push('```bash\n' + CODE.bash + '\n```')
    parts.push(paragraph(next))
    parts.push('```json\n' + CODE.json + '\n```')
  }
  parts.push(paragraph(next))
  return parts.join('\n\n')
}

/** An answer of about `chars` characters (never more), ending at a section boundary. */
export function makeAnswer(chars: number, seed = 20261126): string {
  const next = random(seed)
  let text = 'Here is a detailed answer, with code, lists and a table.\n\n'
  for (let i = 0; ; i++) {
    const more = section(next, i) + '\n\n'
    if (text.length + more.length > chars) break
    text += more
  }
  return text + 'That covers it.'
}

/** Splits `text` into `count` deltas of near-equal length, never inside a surrogate pair. */
export function splitDeltas(text: string, count: number): string[] {
  const deltas: string[] = []
  let start = 0
  for (let i = 1; i <= count; i++) {
    let end = Math.round((text.length * i) / count)
    if (end < text.length && /[\uDC00-\uDFFF]/.test(text.charAt(end))) end += 1
    if (end > start) deltas.push(text.slice(start, end))
    start = Math.max(start, end)
  }
  return deltas
}

/** What the answer contains, for the report. */
export function describeAnswer(text: string): string {
  const fences = (text.match(/^```/gm)?.length ?? 0) / 2
  const tables = text.match(/^\|---/gm)?.length ?? 0
  const items = text.match(/^\s*(?:-|\d+\.) /gm)?.length ?? 0
  return `${(text.length / 1000).toFixed(1)} K chars: ${fences} code blocks, ${tables} tables, ${items} list items`
}
