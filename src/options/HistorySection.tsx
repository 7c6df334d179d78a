/** Local history in options: the retention limit, then the searchable list. */
import type { Settings } from '../shared/settings'
import { HistoryList } from '../ui/HistoryList'
import { useT } from '../ui/i18n'
import { useHistory, type HistoryDeps } from './use-history'

interface Props extends HistoryDeps {
  retention: Settings['history']
  onRetentionChange: (retention: Settings['history']) => void
  onResume: (threadKey: string) => void
}

/** A positive whole number from an input, or undefined while the field is being edited. */
const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) && Number(text) > 0 ? Number(text) : undefined)

export function HistorySection({ retention, onRetentionChange, onResume, ...deps }: Props) {
  const t = useT()
  const history = useHistory(deps)
  return (
    <section class="options-section" id="history">
      <h2>{t('historyTitle')}</h2>
      <p class="options-help">{t('historyHelp')}</p>
      <div class="options-retention">
        <label class="options-row">
          <span>{t('historyKeepThreads')}</span>
          <input
            type="number"
            min={1}
            max={5000}
            data-testid="retention-count"
            value={retention.maxThreads}
            onChange={(event) => {
              const value = wholeNumber(event.currentTarget.value)
              if (value) onRetentionChange({ ...retention, maxThreads: Math.min(value, 5000) })
            }}
          />
        </label>
        <label class="options-row">
          <span>{t('historyKeepDays')}</span>
          <input
            type="number"
            min={1}
            max={3650}
            data-testid="retention-days"
            value={retention.maxAgeDays}
            onChange={(event) => {
              const value = wholeNumber(event.currentTarget.value)
              if (value) onRetentionChange({ ...retention, maxAgeDays: Math.min(value, 3650) })
            }}
          />
        </label>
      </div>
      <HistoryList
        items={history.entries}
        loading={history.loading}
        query={history.query}
        onQueryChange={history.setQuery}
        onResume={onResume}
        onExport={history.exportThread}
        onDelete={history.remove}
        onExportAll={history.exportAll}
        onDeleteAll={history.removeAll}
      />
    </section>
  )
}
