/**
 * Decodes HTML character references in markdown text. marked leaves them for an HTML renderer to
 * resolve; we build text nodes, so we resolve the common ones here (never through innerHTML).
 * Unknown names stay as written, which is what a reader would expect to see anyway.
 */
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '©', reg: '®',
  trade: '™', hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“',
  rdquo: '”', laquo: '«', raquo: '»', times: '×', divide: '÷', plusmn: '±', deg: '°',
  middot: '·', bull: '•', larr: '←', rarr: '→', uarr: '↑', darr: '↓', harr: '↔', le: '≤',
  ge: '≥', ne: '≠', euro: '€', pound: '£', yen: '¥', cent: '¢', sect: '§', para: '¶',
}

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([A-Za-z]{2,8}));/g

function fromCodePoint(code: number, original: string): string {
  // CommonMark: invalid code points and NUL become U+FFFD rather than disappearing.
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return code === 0 ? '\ufffd' : original
  return String.fromCodePoint(code)
}

/** `text` with `&amp;`, `&#39;`, `&#x1F600;` and the named references above decoded. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(REFERENCE, (match, dec?: string, hex?: string, name?: string) => {
    if (dec) return fromCodePoint(Number.parseInt(dec, 10), match)
    if (hex) return fromCodePoint(Number.parseInt(hex, 16), match)
    return (name && NAMED[name]) ?? match
  })
}
