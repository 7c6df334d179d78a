/**
 * The history's schema version (`history:schema` in storage.local) and the migrations that bring
 * older thread records up to it. Each migration is a pure function of one record; the service
 * runs them once per worker start, before anything reads the history.
 *
 * 1: records written before issue 7 (no privacy mode of their own).
 * 2: `privacy` recorded per thread, so "Delete after use" follows the thread, not today's setting.
 */
import type { Settings } from '../../shared/settings'
import type { ThreadRecord } from '../thread-repository'

export const HISTORY_SCHEMA_KEY = 'history:schema'
export const HISTORY_SCHEMA_VERSION = 2

export interface Migration {
  /** The version a record has after this step. */
  to: number
  migrate(record: ThreadRecord, settings: Settings): ThreadRecord
}

export const MIGRATIONS: readonly Migration[] = [
  {
    to: 2,
    // A temporary thread says so itself; otherwise the surface's setting is the best evidence.
    migrate: (record, settings) => ({
      ...record,
      privacy:
        record.privacy ??
        (record.state.temporary ? 'temporary' : settings.privacy[record.surface] === 'delete-after' ? 'delete-after' : 'keep'),
    }),
  },
]

/** The record after every migration newer than `from`. */
export function migrateRecord(record: ThreadRecord, from: number, settings: Settings): ThreadRecord {
  return MIGRATIONS.filter((step) => step.to > from).reduce((current, step) => step.migrate(current, settings), record)
}
