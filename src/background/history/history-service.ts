/**
 * Local history over the thread records in storage.local: list and search, delete one or all,
 * export as Markdown, the retention limit, schema migrations, and "New chat" filing the finished
 * conversation under its own key. Never storage.sync, never a token: records hold only what the
 * user asked and what ChatGPT answered.
 */
import type { HistoryEntry } from '../../shared/messaging/protocol'
import type { PrivacyMode, Settings } from '../../shared/settings'
import { resetThread } from '../../core/conversations/thread'
import type { KeyValueArea } from '../storage-areas'
import type { ThreadRecord, ThreadRepository } from '../thread-repository'
import { toHistoryEntry } from './history-entry'
import { historyToMarkdown, markdownFileName, threadToMarkdown, type Translate } from './history-markdown'
import { threadsToPrune } from './history-retention'
import { HISTORY_SCHEMA_KEY, HISTORY_SCHEMA_VERSION, migrateRecord } from './history-schema'
import { matchThread, searchTerms } from './history-search'

export interface HistoryDeps {
  threads: ThreadRepository
  /** Where the schema version lives (storage.local, next to the threads). */
  area: KeyValueArea
  settings: () => Promise<Settings>
  /** Which jobs are still streaming (never pruned; stopped before a delete). */
  jobs: { isActive(jobId: string): boolean; stop(jobId: string): boolean }
  now: () => number
  newId: () => string
  t: Translate
}

/** Keys New chat files old conversations under: `h-<uuid>`, valid as a popup `?thread=`. */
export const ARCHIVE_PREFIX = 'h-'

export function createHistory(deps: HistoryDeps) {
  let migrated: Promise<void> | undefined

  /** Brings every record to the current schema, once per worker life. */
  function ready(): Promise<void> {
    migrated ??= (async () => {
      const version = (await deps.area.get<number>(HISTORY_SCHEMA_KEY)) ?? 1
      if (version < HISTORY_SCHEMA_VERSION) {
        const settings = await deps.settings()
        for (const stored of await deps.threads.all()) {
          // Migrate the live copy in place: a running job holds this very object.
          const record = (await deps.threads.load(stored.state.threadKey)) ?? stored
          Object.assign(record, migrateRecord(record, version, settings))
          await deps.threads.save(record)
        }
        await deps.area.set(HISTORY_SCHEMA_KEY, HISTORY_SCHEMA_VERSION)
      }
      // A newer version (a downgraded extension) is left untouched: its records are not ours to rewrite.
    })()
    return migrated
  }

  const busy = (record: ThreadRecord) => record.jobs.some((job) => deps.jobs.isActive(job.jobId))

  async function remove(threadKey: string): Promise<void> {
    const record = await deps.threads.load(threadKey)
    for (const job of record?.jobs ?? []) deps.jobs.stop(job.jobId)
    await deps.threads.remove(threadKey)
  }

  return {
    ready,

    /** Threads with at least one question, newest first; only those matching `query` if given. */
    async list(query = ''): Promise<HistoryEntry[]> {
      await ready()
      const terms = searchTerms(query)
      const entries: HistoryEntry[] = []
      for (const record of await deps.threads.all()) {
        const entry = toHistoryEntry(record)
        const match = entry && matchThread(record, terms)
        if (entry && match) entries.push(match.snippet ? { ...entry, snippet: match.snippet } : entry)
      }
      return entries.sort((a, b) => b.updatedAt - a.updatedAt)
    },

    /** Deletes a thread from this browser (its answer is stopped first if still streaming). */
    async remove(threadKey: string): Promise<void> {
      await ready()
      await remove(threadKey)
    },

    async removeAll(): Promise<string[]> {
      await ready()
      const keys = (await deps.threads.all()).map((record) => record.state.threadKey)
      for (const key of keys) await remove(key)
      return keys
    },

    async exportThread(threadKey: string): Promise<{ filename: string; markdown: string } | undefined> {
      await ready()
      const record = await deps.threads.load(threadKey)
      const markdown = record && threadToMarkdown(record, deps.t)
      if (!record || !markdown) return undefined
      return { filename: markdownFileName(toHistoryEntry(record)?.title ?? '', 'conversation'), markdown }
    },

    async exportAll(): Promise<{ filename: string; markdown: string }> {
      await ready()
      const day = new Date(deps.now()).toISOString().slice(0, 10)
      return { filename: `ask-anywhere-history-${day}.md`, markdown: historyToMarkdown(await deps.threads.all(), deps.t) }
    },

    /** Applies the retention limit; returns the keys it deleted. */
    async prune(): Promise<string[]> {
      await ready()
      const { history } = await deps.settings()
      const candidates = (await deps.threads.all()).flatMap((record) => {
        const entry = toHistoryEntry(record)
        return entry ? [{ entry, busy: busy(record) }] : []
      })
      const doomed = threadsToPrune(candidates, history, deps.now())
      for (const key of doomed) await deps.threads.remove(key)
      return doomed
    },

    /**
     * New chat on a surface: a thread with questions moves, as it is, to a key of its own (so it
     * stays in history and a job still streaming finishes into it), and the surface's key starts
     * over under today's privacy mode. The model choice carries over.
     */
    async startOver(record: ThreadRecord, privacy: PrivacyMode): Promise<ThreadRecord> {
      await ready()
      const threadKey = record.state.threadKey
      const temporary = privacy === 'temporary'
      if (record.jobs.length === 0) {
        record.state = { ...resetThread(record.state), temporary }
        record.plans = {}
        record.privacy = privacy
        await deps.threads.save(record)
        return record
      }
      await deps.threads.rekey(record, `${ARCHIVE_PREFIX}${deps.newId()}`)
      const fresh = await deps.threads.open(threadKey, record.surface, temporary, privacy)
      if (record.state.model) {
        fresh.state = { ...fresh.state, model: record.state.model }
        await deps.threads.save(fresh)
      }
      return fresh
    },
  }
}

export type History = ReturnType<typeof createHistory>
