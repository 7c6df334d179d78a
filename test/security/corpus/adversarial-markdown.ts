/**
 * Answers built to stall a markdown renderer (threats T16, goal G17): deep nesting, megabyte
 * lines, pathological emphasis and bracket runs, the shapes of marked's ReDoS advisories
 * (CVE-2022-21680/21681, [A87]) and markdown-it's linkify/smartquotes ones ([A86]), huge tables and
 * fences. Each must render without a main-thread task over 100 ms.
 */

export interface AdversarialDoc {
  name: string
  text: string
}

const repeat = (s: string, n: number) => s.repeat(n)

export function adversarialDocs(): AdversarialDoc[] {
  return [
    { name: 'blockquote nesting ×5 000', text: repeat('>', 5_000) + ' deep' },
    { name: 'list nesting ×300', text: Array.from({ length: 300 }, (_, i) => `${repeat('  ', i)}- level ${i}`).join('\n') },
    { name: 'brackets [×10 000 x ]×10 000', text: repeat('[', 10_000) + 'x' + repeat(']', 10_000) },
    { name: 'link openers [a]( ×20 000', text: repeat('[a](', 20_000) },
    { name: 'emphasis *a ×35 000 (70 000 chars)', text: repeat('*a', 35_000) },
    { name: 'emphasis *a **a ***a … ladder', text: Array.from({ length: 400 }, (_, i) => repeat('*', (i % 7) + 1) + 'a').join(' ') },
    { name: 'mixed delimiters **_~~ ×10 000', text: repeat('**_~~', 10_000) + 'x' },
    { name: 'backtick runs `×1..300', text: Array.from({ length: 300 }, (_, i) => repeat('`', i + 1) + 'x').join(' ') },
    { name: 'backslashes ×100 000', text: repeat('\\', 100_000) },
    { name: 'entity-like &#×30 000', text: repeat('&#', 30_000) + '1;' },
    { name: 'HTML-like <a ×20 000', text: repeat('<a ', 20_000) },
    { name: 'autolink-like www. ×20 000', text: repeat('www.', 20_000) + 'x' },
    { name: 'quotes \'" ×50 000 (smartquotes shape)', text: repeat('\'"', 50_000) },
    { name: 'CVE-2022-21680 block.def shape', text: `[x]:${repeat(' ', 15_000)}x${repeat(' ', 15_000)}x` },
    { name: 'CVE-2022-21681 reflink shape', text: `[x]: x\n\n${repeat('[\\[x]', 15_000)}` },
    { name: 'table 200 columns × 500 rows', text: ['|' + repeat(' h |', 200), '|' + repeat('---|', 200), ...Array.from({ length: 500 }, () => '|' + repeat(' c |', 200))].join('\n') },
    { name: '150 KB single line (under the cap)', text: repeat('lorem ipsum *dolor* sit amet ', 5_200) },
    { name: '1 MiB single line (over the cap)', text: repeat('x', 1 << 20) },
    { name: '1 MiB of short lines (over the cap)', text: repeat('a line of text\n', 69_906) },
    { name: '39 KB code fence (highlighted)', text: '```js\n' + repeat('const x = "a" + 1 /* c */ && f(y, [z]) // d\n', 900) + '```' },
    { name: '150 KB code fence (plain)', text: '```\n' + repeat('int *p = &q[1]; /* <tag> */\n', 5_300) + '```' },
  ]
}
