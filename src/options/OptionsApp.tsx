/**
 * The options page: privacy per surface, default model, answer language, theme, keyboard
 * shortcuts, the Connection check and local history. Settings are written to storage.local as
 * they change (one key at a time); the worker reads them on every job, so a change applies to
 * the next question. Everything browser-specific comes in as props (see main.tsx).
 */
import { useEffect, useState } from 'preact/hooks'
import type { ModelOption } from '../shared/messaging/protocol'
import type { Settings } from '../shared/settings'
import { useT } from '../ui/i18n'
import { ConnectionSection } from './ConnectionSection'
import { HistorySection } from './HistorySection'
import { LanguageSection } from './LanguageSection'
import { ModelSection } from './ModelSection'
import { PrivacySection } from './PrivacySection'
import { TemplatesSection } from './templates/TemplatesSection'
import { RelaySetting } from './RelaySetting'
import type { SettingsAccess } from './settings-access'
import { ShortcutsSection, type CommandInfo } from './ShortcutsSection'
import { ThemeSection } from './ThemeSection'
import type { WorkerLink } from './worker-link'

export interface OptionsAppProps {
  settings: SettingsAccess
  worker: WorkerLink
  /** The browser's UI language, for language names. */
  uiLocale: string
  onOpenUrl: (url: string) => void
  /** Opens a history thread where it can be continued. */
  onResume: (threadKey: string) => void
  saveFile: (filename: string, text: string) => void
  onThreadsChanged: (callback: () => void) => () => void
  commands: () => Promise<CommandInfo[]>
}

export function OptionsApp(props: OptionsAppProps) {
  const t = useT()
  const { settings: access, worker } = props
  const [settings, setSettings] = useState<Settings | undefined>()
  const [models, setModels] = useState<{ list: ModelOption[]; loaded: boolean }>({ list: [], loaded: false })
  const [saved, setSaved] = useState(false)

  useEffect(() => {
    void access.load().then(setSettings)
    return access.subscribe(setSettings)
  }, [access])

  useEffect(() => {
    const stop = worker.listen((event) => event.type === 'models' && setModels({ list: event.models, loaded: true }))
    worker.post({ type: 'getModels' })
    return stop
  }, [worker])

  if (!settings) return null
  function update<K extends keyof Settings>(key: K, value: Settings[K]) {
    setSettings((current) => current && { ...current, [key]: value })
    void access.update(key, value).then(() => setSaved(true))
  }

  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <PrivacySection privacy={settings.privacy} onChange={(privacy) => update('privacy', privacy)} />
      <TemplatesSection />
      <ModelSection value={settings.defaultModel} models={models.list} loaded={models.loaded} onChange={(slug) => update('defaultModel', slug)} />
      <LanguageSection value={settings.answerLanguage} uiLocale={props.uiLocale} onChange={(tag) => update('answerLanguage', tag)} />
      <ThemeSection value={settings.theme} onChange={(theme) => update('theme', theme)} />
      <ShortcutsSection commands={props.commands} onOpenUrl={props.onOpenUrl} />
      <ConnectionSection worker={worker} onOpenUrl={props.onOpenUrl} />
      <RelaySetting value={settings.relayOpenTab} onChange={(allowed) => update('relayOpenTab', allowed)} />
      <HistorySection
        worker={worker}
        retention={settings.history}
        onRetentionChange={(history) => update('history', history)}
        onResume={props.onResume}
        saveFile={props.saveFile}
        onThreadsChanged={props.onThreadsChanged}
      />
      <p class="options-saved" role="status" data-testid="options-saved">
        {saved ? t('optionsSaved') : ''}
      </p>
    </main>
  )
}
