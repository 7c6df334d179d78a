/** Privacy per surface: Temporary chat, Delete after use, or Keep (with "Open in ChatGPT"). */
import type { Surface } from '../shared/messaging/protocol'
import type { PrivacyMode, Settings } from '../shared/settings'
import { useT } from '../ui/i18n'

const SURFACES: readonly Surface[] = ['popup', 'selection', 'omnibox', 'chat-page']
const MODES: readonly PrivacyMode[] = ['temporary', 'delete-after', 'keep']
const underscored = (value: string) => value.replace(/-/g, '_')

interface Props {
  privacy: Settings['privacy']
  onChange: (privacy: Settings['privacy']) => void
}

export function PrivacySection({ privacy, onChange }: Props) {
  const t = useT()
  return (
    <section class="options-section" id="privacy">
      <h2>{t('optionsPrivacy')}</h2>
      <p class="options-help">{t('optionsPrivacyHelp')}</p>
      <dl class="options-modes">
        {MODES.map((mode) => (
          <div key={mode}>
            <dt>{t(`privacy_${underscored(mode)}`)}</dt>
            <dd>{t(`privacyHelp_${underscored(mode)}`)}</dd>
          </div>
        ))}
      </dl>
      {SURFACES.map((surface) => (
        <label key={surface} class="options-row">
          <span>{t(`surface_${underscored(surface)}`)}</span>
          <select
            data-testid={`privacy-${surface}`}
            value={privacy[surface]}
            onChange={(event) => onChange({ ...privacy, [surface]: event.currentTarget.value as PrivacyMode })}
          >
            {MODES.map((mode) => (
              <option key={mode} value={mode}>
                {t(`privacy_${underscored(mode)}`)}
              </option>
            ))}
          </select>
        </label>
      ))}
      <p class="options-help">{t('privacyAppliesToNewChats')}</p>
    </section>
  )
}
