/**
 * Settings the user owns: privacy per surface and theme. Written to `storage.local` under one key;
 * the worker reads them on every job, so a change applies to the next question.
 */
import { useEffect, useState } from 'preact/hooks'
import browser from '../shared/platform/browser'
import type { Surface } from '../shared/messaging/protocol'
import { mergeSettings, SETTINGS_KEY, type PrivacyMode, type Settings } from '../shared/settings'

const t = (key: string) => browser.i18n.getMessage(key)
const SURFACES: Surface[] = ['popup', 'selection', 'omnibox', 'chat-page']
const MODES: PrivacyMode[] = ['keep', 'temporary', 'delete-after']

export function OptionsApp() {
  const [settings, setSettings] = useState<Settings | undefined>()
  const [saved, setSaved] = useState(false)

  useEffect(() => {
    void browser.storage.local.get(SETTINGS_KEY).then((stored) => setSettings(mergeSettings(stored[SETTINGS_KEY])))
  }, [])

  async function update(next: Settings) {
    setSettings(next)
    await browser.storage.local.set({ [SETTINGS_KEY]: next })
    setSaved(true)
  }

  if (!settings) return null
  return (
    <main>
      <h1>{t('optionsTitle')}</h1>
      <section>
        <h2>{t('optionsPrivacy')}</h2>
        <p>{t('optionsPrivacyHelp')}</p>
        {SURFACES.map((surface) => (
          <label key={surface} class="row">
            <span>{t(`surface_${surface.replace('-', '_')}`)}</span>
            <select
              data-testid={`privacy-${surface}`}
              value={settings.privacy[surface]}
              onChange={(event) =>
                void update({ ...settings, privacy: { ...settings.privacy, [surface]: event.currentTarget.value as PrivacyMode } })
              }
            >
              {MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {t(`privacy_${mode.replace('-', '_')}`)}
                </option>
              ))}
            </select>
          </label>
        ))}
      </section>
      <section>
        <h2>{t('optionsTheme')}</h2>
        <select
          data-testid="theme"
          value={settings.theme}
          onChange={(event) => void update({ ...settings, theme: event.currentTarget.value as Settings['theme'] })}
        >
          <option value="system">{t('themeSystem')}</option>
          <option value="light">{t('themeLight')}</option>
          <option value="dark">{t('themeDark')}</option>
        </select>
      </section>
      <p role="status">{saved ? t('optionsSaved') : ''}</p>
    </main>
  )
}
