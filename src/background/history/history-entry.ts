/**
 * A stored thread as one history row: title, surface, model, privacy mode and times, derived from
 * the record so nothing is stored twice. Pure.
 */
import type { HistoryEntry } from '../../shared/messaging/protocol'
import type { ThreadRecord } from '../thread-repository'

const TITLE_MAX = 80

/** ChatGPT's generated title, else the first line of the first question. */
export function threadTitle(record: ThreadRecord): string {
  if (record.state.title?.trim()) return record.state.title.trim()
  const first = record.jobs.find((job) => job.prompt.trim())?.prompt.trim() ?? ''
  const line = first.split('\n', 1)[0] ?? ''
  return line.length > TITLE_MAX ? `${line.slice(0, TITLE_MAX - 1)}…` : line
}

/** Undefined for a thread nobody asked anything in yet: it is not history. */
export function toHistoryEntry(record: ThreadRecord): HistoryEntry | undefined {
  const { jobs, state } = record
  const first = jobs[0]
  if (!first) return undefined
  const model = [...jobs].reverse().find((job) => job.model)?.model ?? state.model
  const conversationId = state.conversationId ?? [...jobs].reverse().find((job) => job.conversationId)?.conversationId
  return {
    threadKey: state.threadKey,
    title: threadTitle(record),
    surface: record.surface,
    ...(model ? { model } : {}),
    privacy: record.privacy ?? (state.temporary ? 'temporary' : 'keep'),
    ...(conversationId ? { conversationId } : {}),
    turns: jobs.filter((job) => job.action !== 'continue').length,
    createdAt: first.createdAt,
    updatedAt: Math.max(...jobs.map((job) => job.updatedAt)),
  }
}
