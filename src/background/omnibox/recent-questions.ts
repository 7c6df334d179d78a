/**
 * The questions the omnibox may suggest: the user's own from stored threads, newest first,
 * without repeats. Temporary chats are left out (they promise to leave no trace, and a suggestion
 * is one), and so are selection questions, whose prompts carry page text. Pure.
 */
import type { Surface } from '../../shared/messaging/protocol'
import type { ThreadRecord } from '../thread-repository'
import { oneLine } from './omnibox-xml'

const SUGGESTED_SURFACES: ReadonlySet<Surface> = new Set<Surface>(['omnibox', 'popup', 'chat-page'])
/** A question longer than this was pasted, not typed into an address bar. */
const MAX_QUESTION_CHARS = 500
export const MAX_RECENT_QUESTIONS = 200

export function recentQuestions(records: readonly ThreadRecord[], limit = MAX_RECENT_QUESTIONS): string[] {
  const asked: { question: string; at: number }[] = []
  for (const record of records) {
    if (record.state.temporary || !SUGGESTED_SURFACES.has(record.surface)) continue
    for (const job of record.jobs) {
      const question = oneLine(job.prompt)
      if (job.action === 'next' && question && question.length <= MAX_QUESTION_CHARS) asked.push({ question, at: job.createdAt })
    }
  }
  asked.sort((a, b) => b.at - a.at)
  return [...new Set(asked.map((item) => item.question))].slice(0, limit)
}
