/**
 * What the omnibox offers while the user types `gpt …`: their own earlier questions that contain
 * the typed text, newest first, with the typed part marked. Pure and local: typing never reaches
 * the network (threats-and-faults T15); only Enter sends.
 */
import { escapeOmniboxXml, oneLine, truncate } from './omnibox-xml'

export interface OmniboxSuggestion {
  /** What the omnibox fills in and hands to `onInputEntered` when this row is chosen. */
  content: string
  /** XML-styled text (see omnibox-xml.ts). */
  description: string
}

export const MAX_SUGGESTIONS = 5
/** Longer text is cut in the row; the chosen row still carries the whole question. */
const SHOWN_CHARS = 100

/** The row for one question: the typed text in `<match>`, a dimmed note after it. */
export function describeQuestion(question: string, query: string, note: string): string {
  const shown = truncate(oneLine(question), SHOWN_CHARS)
  const lower = shown.toLowerCase()
  // Case-folding may change lengths (e.g. 'İ'); then offsets no longer line up, so mark nothing.
  const at = query && lower.length === shown.length ? lower.indexOf(query.toLowerCase()) : -1
  const body =
    at < 0
      ? escapeOmniboxXml(shown)
      : `${escapeOmniboxXml(shown.slice(0, at))}<match>${escapeOmniboxXml(shown.slice(at, at + query.length))}</match>${escapeOmniboxXml(shown.slice(at + query.length))}`
  return `${body} <dim>${escapeOmniboxXml(note)}</dim>`
}

/**
 * Earlier questions (newest first, already one-line) that contain `input`; all of them for an
 * empty input. The exact input itself is left out: Chromium drops a row equal to what was typed.
 */
export function suggestQuestions(input: string, recent: readonly string[], note: string): OmniboxSuggestion[] {
  const query = oneLine(input)
  const folded = query.toLowerCase()
  const rows: OmniboxSuggestion[] = []
  for (const question of recent) {
    if (rows.length === MAX_SUGGESTIONS) break
    if (question === query || !question.toLowerCase().includes(folded)) continue
    rows.push({ content: question, description: describeQuestion(question, query, note) })
  }
  return rows
}

/** The first row ("Ask ChatGPT: <typed text>"); Chromium puts the typed text where `%s` is. */
export function defaultDescription(message: string): string {
  const [before = '', ...rest] = message.split('%s')
  if (rest.length === 0) return escapeOmniboxXml(message)
  return `${escapeOmniboxXml(before)}<match>%s</match>${escapeOmniboxXml(rest.join(''))}`
}
