/**
 * Chat page entry: translations from `browser.i18n`, the thread from the URL, the theme and
 * default model from settings. Renders at once (the URL decides the thread synchronously) and
 * again when settings arrive.
 */
import { render } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import browser from '../shared/platform/browser'
import { mergeSettings, SETTINGS_KEY, type Settings } from '../shared/settings'
import { followTheme } from '../shared/page-theme'
import { cachedTranslate, I18nContext, type Translate } from '../ui/i18n'
import '../ui/ui.css'
import './chat.css'
import { saveTextFile } from '../options/save-file'
import { createWorkerLink } from '../options/worker-link'
import { ChatApp } from './ChatApp'
import { newThreadKey, surfaceForThreadKey } from './chat-page-url'
import { HistorySidebar } from './HistorySidebar'
import { useChatLocation } from './use-chat-location'

// Chrome returns '' for an unknown key; showing the key beats showing nothing.
const t: Translate = cachedTranslate((key, substitutions) => browser.i18n.getMessage(key, substitutions) || key)
const openUrl = (url: string) => void browser.tabs.create({ url })
const freshThreadKey = () => newThreadKey('chat-page', crypto.randomUUID())
const historyLink = createWorkerLink()

/** Stored threads changed (a `thread:<key>` record was written or removed). */
function onThreadsChanged(callback: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && Object.keys(changes).some((key) => key.startsWith('thread:'))) callback()
  }
  browser.storage.onChanged.addListener(listener)
  return () => browser.storage.onChanged.removeListener(listener)
}

function ChatPage() {
  const location = useChatLocation(freshThreadKey)
  const [settings, setSettings] = useState<Settings | undefined>(undefined)
  useEffect(() => {
    void browser.storage.local.get(SETTINGS_KEY).then((stored) => setSettings(mergeSettings(stored[SETTINGS_KEY])))
  }, [])
  return (
    <ChatApp
      key={location.threadKey}
      threadKey={location.threadKey}
      surface={surfaceForThreadKey(location.threadKey)}
      {...(location.ask ? { ask: location.ask } : {})}
      {...(location.draft ? { draft: location.draft } : {})}
      onAsked={location.asked}
      preferredModel={settings?.defaultModel}
      openUrl={openUrl}
      onNewChat={location.newChat}
      sidebar={
        <HistorySidebar
          worker={historyLink}
          onThreadsChanged={onThreadsChanged}
          saveFile={saveTextFile}
          activeThreadKey={location.threadKey}
          onResume={location.openThread}
          onActiveDeleted={location.newChat}
          locale={browser.i18n.getUILanguage()}
        />
      }
    />
  )
}

const root = document.getElementById('app')
if (root) {
  document.documentElement.lang = browser.i18n.getUILanguage()
  followTheme()
  render(
    <I18nContext.Provider value={t}>
      <ChatPage />
    </I18nContext.Provider>,
    root,
  )
}
