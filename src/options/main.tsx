/**
 * Options entry: translations from `browser.i18n`, the theme, and the browser-facing pieces the
 * page is given as props (settings storage, the worker port, tabs, downloads, commands).
 */
import { render } from 'preact'
import { chatPagePath } from '../chat/chat-page-url'
import browser from '../shared/platform/browser'
import { openShortcutSettings } from '../shared/platform/capabilities'
import { followTheme } from '../shared/page-theme'
import { I18nContext, type Translate } from '../ui/i18n'
import '../ui/ui.css'
import './options.css'
import { OptionsApp } from './OptionsApp'
import { saveTextFile } from './save-file'
import { settingsAccess } from './settings-access'
import { SHORTCUTS_PAGE, type CommandInfo } from './ShortcutsSection'
import { createWorkerLink } from './worker-link'

// Chrome returns '' for an unknown key; showing the key beats showing nothing.
const t: Translate = (key, substitutions) => browser.i18n.getMessage(key, substitutions) || key
const openUrl = (url: string) => void browser.tabs.create({ url })

/** Stored threads changed (a `thread:<key>` record was written or removed). */
function onThreadsChanged(callback: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && Object.keys(changes).some((key) => key.startsWith('thread:'))) callback()
  }
  browser.storage.onChanged.addListener(listener)
  return () => browser.storage.onChanged.removeListener(listener)
}

async function commands(): Promise<CommandInfo[]> {
  const all = await browser.commands.getAll()
  return all.map((command) => ({ name: command.name ?? '', description: command.description ?? '', shortcut: command.shortcut ?? '' }))
}

const root = document.getElementById('app')
if (root) {
  document.documentElement.lang = browser.i18n.getUILanguage()
  document.title = t('optionsTitle')
  followTheme()
  render(
    <I18nContext.Provider value={t}>
      <OptionsApp
        settings={settingsAccess}
        worker={createWorkerLink()}
        uiLocale={browser.i18n.getUILanguage()}
        // Chrome's shortcuts page is a chrome:// tab; Firefox opens its own through an API.
        onOpenUrl={(url) => (url === SHORTCUTS_PAGE ? openShortcutSettings(() => openUrl(url)) : openUrl(url))}
        onResume={(threadKey) => openUrl(browser.runtime.getURL(chatPagePath(threadKey)))}
        saveFile={saveTextFile}
        onThreadsChanged={onThreadsChanged}
        commands={commands}
      />
    </I18nContext.Provider>,
    root,
  )
}
