/**
 * History as Markdown: one document per thread (or all of them), questions under "You", answers
 * under "ChatGPT" exactly as stored. Labels come in translated; times are ISO 8601 so a file
 * reads the same anywhere. Pure.
 */
import type { HistoryEntry } from '../../shared/messaging/protocol'
import type { ThreadRecord } from '../thread-repository'
import { toHistoryEntry } from './history-entry'

/** Chrome-style `getMessage`. */
export type Translate = (key: string, substitutions?: string | string[]) => string

const CHATGPT_CONVERSATION = 'https://chatgpt.com/c/'

/** A title on one line, so it cannot break out of its heading. */
const oneLine = (text: string) => text.replace(/\s+/gu, ' ').trim()
const iso = (ms: number) => new Date(ms).toISOString()

/** Key suffixes as in `_locales`: `surface_chat_page`, `privacy_delete_after`. */
export const surfaceLabelKey = (surface: string) => `surface_${surface.replace(/-/g, '_')}`
export const privacyLabelKey = (mode: string) => `privacy_${mode.replace(/-/g, '_')}`

function header(entry: HistoryEntry, t: Translate): string {
  const lines = [
    `# ${oneLine(entry.title) || t('historyUntitled')}`,
    '',
    `- ${t('historySurface')}: ${t(surfaceLabelKey(entry.surface))}`,
    ...(entry.model ? [`- ${t('modelLabel')}: ${entry.model}`] : []),
    `- ${t('historyPrivacy')}: ${t(privacyLabelKey(entry.privacy))}`,
    `- ${t('historyCreated')}: ${iso(entry.createdAt)}`,
    `- ${t('historyUpdated')}: ${iso(entry.updatedAt)}`,
    // Only a kept conversation still has a page on chatgpt.com worth linking.
    ...(entry.conversationId && entry.privacy === 'keep' ? [`- ChatGPT: ${CHATGPT_CONVERSATION}${encodeURIComponent(entry.conversationId)}`] : []),
  ]
  return lines.join('\n')
}

/** One thread as a Markdown document, or undefined when it holds no question. */
export function threadToMarkdown(record: ThreadRecord, t: Translate): string | undefined {
  const entry = toHistoryEntry(record)
  if (!entry) return undefined
  const parts = [header(entry, t)]
  for (const job of record.jobs) {
    if (job.action === 'next') parts.push(`## ${t('exportYou')}\n\n${job.prompt.trim()}`)
    const answer = job.text.trim()
    const note = job.status === 'complete' ? '' : `\n\n_${t('exportIncomplete')}_`
    parts.push(`## ${t('exportChatGpt')}\n\n${answer}${note}`.replace(/\n\n\n+/g, '\n\n'))
  }
  return `${parts.join('\n\n')}\n`
}

/** Every thread, newest first, separated by rules. */
export function historyToMarkdown(records: readonly ThreadRecord[], t: Translate): string {
  const documents = [...records]
    .map((record) => ({ record, entry: toHistoryEntry(record) }))
    .filter((item): item is { record: ThreadRecord; entry: HistoryEntry } => item.entry !== undefined)
    .sort((a, b) => b.entry.updatedAt - a.entry.updatedAt)
    .map(({ record }) => threadToMarkdown(record, t) ?? '')
  return documents.join('\n---\n\n')
}

/** A file name from the title: letters and digits of any script, dashes between. */
export function markdownFileName(title: string, fallback: string): string {
  const slug = title
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
  return `${slug || fallback}.md`
}
