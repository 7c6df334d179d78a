/** System, light or dark, for every extension page at once. */
import type { Settings } from '../shared/settings'
import { useT } from '../ui/i18n'

const THEMES: readonly { value: Settings['theme']; key: string }[] = [
  { value: 'system', key: 'themeSystem' },
  { value: 'light', key: 'themeLight' },
  { value: 'dark', key: 'themeDark' },
]

export function ThemeSection({ value, onChange }: { value: Settings['theme']; onChange: (theme: Settings['theme']) => void }) {
  const t = useT()
  return (
    <section class="options-section" id="theme">
      <h2>{t('optionsTheme')}</h2>
      <label class="options-row">
        <span>{t('optionsTheme')}</span>
        <select data-testid="theme" value={value} onChange={(event) => onChange(event.currentTarget.value as Settings['theme'])}>
          {THEMES.map((theme) => (
            <option key={theme.value} value={theme.value}>
              {t(theme.key)}
            </option>
          ))}
        </select>
      </label>
    </section>
  )
}
