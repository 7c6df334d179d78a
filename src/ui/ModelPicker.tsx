/** A native select of the account's models: keyboard and screen-reader support come for free. */
import { useT } from './i18n'
import type { ModelChoice } from './view-types'

interface Props {
  models: readonly ModelChoice[]
  /** The selected slug; an unknown slug is shown as its own option rather than silently dropped. */
  value: string | undefined
  onChange: (slug: string) => void
  disabled?: boolean
}

/** The model select; hidden when there is nothing to choose. */
export function ModelPicker({ models, value, onChange, disabled = false }: Props) {
  const t = useT()
  if (models.length === 0) return null
  const known = value === undefined || models.some((m) => m.slug === value)
  return (
    <select
      class="model-picker"
      data-testid="model-picker"
      aria-label={t('modelLabel')}
      value={value ?? models[0]?.slug}
      disabled={disabled}
      onChange={(event) => onChange(event.currentTarget.value)}
    >
      {!known && value !== undefined && <option value={value}>{value}</option>}
      {models.map((m) => (
        <option key={m.slug} value={m.slug}>
          {m.title}
        </option>
      ))}
    </select>
  )
}
