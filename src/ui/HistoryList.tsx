/**
 * The local history list: a search box, then each thread with its title, where it was asked,
 * model, privacy mode and last use, and Resume / Export / Delete. Props only: the page that
 * mounts it (options, the chat page's sidebar) talks to the worker.
 */
import { useEffect, useState } from 'preact/hooks'
import { useT } from './i18n'
import './history-list.css'

/** One thread; mirrors `HistoryEntry` in shared/messaging/protocol.ts. */
export interface HistoryItem {
  threadKey: string
  title: string
  surface: string
  model?: string
  privacy: string
  conversationId?: string
  turns: number
  createdAt: number
  updatedAt: number
  snippet?: string
}

interface Props {
  items: readonly HistoryItem[]
  query: string
  onQueryChange: (query: string) => void
  onResume: (threadKey: string) => void
  onExport: (threadKey: string) => void
  onDelete: (threadKey: string) => void
  /** Both omitted in a narrow sidebar. */
  onExportAll?: () => void
  onDeleteAll?: () => void
  /** The thread open next to the list (chat page), marked as current. */
  activeThreadKey?: string
  /** True until the first list arrives, so "no conversations" does not flash. */
  loading?: boolean
  /** For dates; defaults to the browser's UI language. */
  locale?: string
}

/** How long "Delete all" waits for the confirming second click. */
const CONFIRM_MS = 5_000

const underscored = (value: string) => value.replace(/-/g, '_')

/** "26 Nov 2026, 08:30" in the reader's language. */
export function formatWhen(epochMs: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs)
}

export function HistoryList(props: Props) {
  const t = useT()
  const { items, query, onQueryChange, onDeleteAll, onExportAll, loading = false } = props
  const [confirming, setConfirming] = useState(false)
  useEffect(() => {
    if (!confirming) return
    const timer = setTimeout(() => setConfirming(false), CONFIRM_MS)
    return () => clearTimeout(timer)
  }, [confirming])

  const deleteAll = () => {
    if (!onDeleteAll) return
    if (!confirming) return setConfirming(true)
    setConfirming(false)
    onDeleteAll()
  }

  return (
    <section class="history" aria-label={t('historyTitle')}>
      <div class="history-tools">
        <input
          type="search"
          class="history-search"
          data-testid="history-search"
          value={query}
          placeholder={t('historySearchPlaceholder')}
          aria-label={t('historySearchLabel')}
          onInput={(event) => onQueryChange(event.currentTarget.value)}
        />
        {onExportAll && (
          <button type="button" class="ui-button" data-testid="history-export-all" onClick={onExportAll} disabled={items.length === 0}>
            {t('historyExportAll')}
          </button>
        )}
        {onDeleteAll && (
          <button type="button" class="ui-button" data-testid="history-delete-all" onClick={deleteAll} disabled={items.length === 0 && !confirming}>
            {confirming ? t('historyDeleteAllConfirm') : t('historyDeleteAll')}
          </button>
        )}
      </div>
      {!loading && items.length === 0 && (
        <p class="history-empty" data-testid="history-empty">
          {query.trim() ? t('historyNoMatch', query.trim()) : t('historyEmpty')}
        </p>
      )}
      <ul class="history-items">
        {items.map((item) => (
          <HistoryRow key={item.threadKey} item={item} active={item.threadKey === props.activeThreadKey} {...props} />
        ))}
      </ul>
    </section>
  )
}

function HistoryRow({ item, active, onResume, onExport, onDelete, locale }: Props & { item: HistoryItem; active: boolean }) {
  const t = useT()
  const meta = [t(`surface_${underscored(item.surface)}`), item.model, t(`privacyBadge_${underscored(item.privacy)}`), formatWhen(item.updatedAt, locale)]
  return (
    <li class={active ? 'history-item history-item-active' : 'history-item'} data-testid="history-item" data-thread={item.threadKey}>
      <div class="history-text">
        <p class="history-item-title" data-testid="history-title">
          {item.title || t('historyUntitled')}
        </p>
        <p class="history-meta">{meta.filter(Boolean).join(' · ')}</p>
        {item.snippet && (
          <p class="history-snippet" data-testid="history-snippet">
            {item.snippet}
          </p>
        )}
      </div>
      <div class="history-actions">
        <button type="button" class="ui-button ui-button-primary" data-testid="history-resume" onClick={() => onResume(item.threadKey)}>
          {t('historyResume')}
        </button>
        <button type="button" class="ui-button" data-testid="history-export" onClick={() => onExport(item.threadKey)}>
          {t('historyExport')}
        </button>
        <button type="button" class="ui-button ui-button-quiet" data-testid="history-delete" onClick={() => onDelete(item.threadKey)}>
          {t('historyDelete')}
        </button>
      </div>
    </li>
  )
}
