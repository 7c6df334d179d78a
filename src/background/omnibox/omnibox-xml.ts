/**
 * Omnibox suggestion descriptions are XML fragments with three styling tags (`<url>`, `<match>`,
 * `<dim>`). Chromium parses them strictly and refuses the whole suggestion on a parse error, so
 * text from the user or from storage enters a description only through `escapeOmniboxXml`.
 */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }

/**
 * What XML 1.0 cannot carry even escaped: C0 controls other than tab/LF/CR, U+FFFE/U+FFFF, and
 * unpaired surrogate halves (a pair is one astral character and fine).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Text as XML character data: the five special characters as entities, unrepresentable ones dropped. */
export function escapeOmniboxXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (char) => ENTITIES[char] ?? '')
}

/** A suggestion shows one line: runs of whitespace (newlines included) become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ').trim()
}

/** At most `max` characters (code points, so a surrogate pair is never split), with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text)
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}
