/**
 * Search over a thread's title, questions and answers: every word of the query must occur
 * (case-insensitive substring, so Chinese text without spaces matches too). Pure.
 */
import type { ThreadRecord } from '../thread-repository'
import { threadTitle } from './history-entry'

const SNIPPET_BEFORE = 40
const SNIPPET_LENGTH = 140

/** The query's words, lower-cased; empty for a blank query. */
export function searchTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/u).filter(Boolean)
}

function texts(record: ThreadRecord): string[] {
  return [threadTitle(record), ...record.jobs.flatMap((job) => [job.prompt, job.text])].filter(Boolean)
}

/**
 * Undefined when the thread does not match; otherwise a short excerpt around the first word's
 * first occurrence ('' for a blank query).
 */
export function matchThread(record: ThreadRecord, terms: readonly string[]): { snippet: string } | undefined {
  if (terms.length === 0) return { snippet: '' }
  const fields = texts(record)
  const lowered = fields.map((text) => text.toLowerCase())
  const haystack = lowered.join('\n')
  if (!terms.every((term) => haystack.includes(term))) return undefined
  const first = terms[0] ?? ''
  const index = lowered.findIndex((text) => text.includes(first))
  return { snippet: excerpt(fields[index] ?? '', lowered[index]?.indexOf(first) ?? 0) }
}

function excerpt(text: string, at: number): string {
  const start = Math.max(0, at - SNIPPET_BEFORE)
  const end = Math.min(text.length, start + SNIPPET_LENGTH)
  const body = text.slice(start, end).replace(/\s+/gu, ' ').trim()
  return `${start > 0 ? '…' : ''}${body}${end < text.length ? '…' : ''}`
}
