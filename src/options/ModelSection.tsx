/** The default model, chosen from the models the logged-in account offers. */
import type { ModelOption } from '../shared/messaging/protocol'
import { useT } from '../ui/i18n'

interface Props {
  /** '' = the account's default. */
  value: string
  models: readonly ModelOption[]
  /** Undefined while the list is loading. */
  loaded: boolean
  onChange: (slug: string) => void
}

export function ModelSection({ value, models, loaded, onChange }: Props) {
  const t = useT()
  const known = value === '' || models.some((model) => model.slug === value)
  return (
    <section class="options-section" id="model">
      <h2>{t('optionsDefaultModel')}</h2>
      <label class="options-row">
        <span>{t('modelLabel')}</span>
        <select data-testid="default-model" value={value} onChange={(event) => onChange(event.currentTarget.value)}>
          <option value="">{t('modelAccountDefault')}</option>
          {!known && <option value={value}>{value}</option>}
          {models.map((model) => (
            <option key={model.slug} value={model.slug}>
              {model.title}
            </option>
          ))}
        </select>
      </label>
      {loaded && models.length === 0 && <p class="options-help">{t('modelListUnavailable')}</p>}
    </section>
  )
}
