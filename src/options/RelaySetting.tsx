/**
 * Whether the extension may open a chatgpt.com tab by itself when chatgpt.com refuses its direct
 * requests and no chatgpt.com tab is open (issue 11). Off by default: opening tabs is the user's call.
 */
import { useT } from '../ui/i18n'

export function RelaySetting({ value, onChange }: { value: boolean; onChange: (allowed: boolean) => void }) {
  const t = useT()
  return (
    <section class="options-section" id="relay">
      <h2>{t('optionsRelayTitle')}</h2>
      <p>{t('optionsRelayHelp')}</p>
      <label class="options-row">
        <input type="checkbox" data-testid="relay-open-tab" checked={value} onChange={(event) => onChange(event.currentTarget.checked)} />
        <span>{t('optionsRelayOpenTab')}</span>
      </label>
    </section>
  )
}
