/**
 * The chat page's sidebar: the local history list (issue 7's `HistoryList` and `useHistory`, the
 * same as in options), narrow: no export-all or delete-all here. Resume switches the page to that
 * thread; deleting the open thread moves the page to a fresh one.
 */
import { HistoryList } from '../ui/HistoryList'
import { useHistory, type HistoryDeps } from '../options/use-history'

interface Props extends HistoryDeps {
  activeThreadKey: string
  onResume: (threadKey: string) => void
  /** The open thread was deleted: show a fresh one instead. */
  onActiveDeleted: () => void
  locale?: string
}

export function HistorySidebar({ activeThreadKey, onResume, onActiveDeleted, locale, ...deps }: Props) {
  const history = useHistory(deps)
  return (
    <HistoryList
      items={history.entries}
      query={history.query}
      onQueryChange={history.setQuery}
      onResume={onResume}
      onExport={history.exportThread}
      onDelete={(threadKey) => {
        history.remove(threadKey)
        if (threadKey === activeThreadKey) onActiveDeleted()
      }}
      activeThreadKey={activeThreadKey}
      loading={history.loading}
      {...(locale ? { locale } : {})}
    />
  )
}
