/**
 * Popup entry: translations from `browser.i18n`, the thread key from the URL, the theme and
 * default model from settings. Renders at once and again when settings arrive, so the composer
 * is focused without waiting on storage.
 */
import { render } from 'preact'
import browser from '../shared/platform/browser'
import { mergeSettings, SETTINGS_KEY, type Settings } from '../shared/settings'
import { followTheme } from '../shared/page-theme'
import { cachedTranslate, I18nContext, type Translate } from '../ui/i18n'
import '../ui/ui.css'
import './popup.css'
import { PopupApp } from './PopupApp'
import { initialPromptFrom, threadKeyFrom } from './thread-key'
import { chatPagePath } from '../chat/chat-page-url'

// Chrome returns '' for an unknown key; showing the key beats showing nothing.
const t: Translate = cachedTranslate((key, substitutions) => browser.i18n.getMessage(key, substitutions) || key)
const openUrl = (url: string) => void browser.tabs.create({ url })
const openInTab = (key: string) => openUrl(browser.runtime.getURL(chatPagePath(key)))
const threadKey = threadKeyFrom(location.search)
const initialPrompt = initialPromptFrom(location.search)

function mount(root: HTMLElement, settings?: Settings) {
  render(
    <I18nContext.Provider value={t}>
      <PopupApp threadKey={threadKey} initialPrompt={initialPrompt} preferredModel={settings?.defaultModel} openUrl={openUrl} openInTab={openInTab} />
    </I18nContext.Provider>,
    root,
  )
}

const root = document.getElementById('app')
if (root) {
  document.documentElement.lang = browser.i18n.getUILanguage()
  followTheme()
  mount(root)
  void browser.storage.local.get(SETTINGS_KEY).then((stored) => mount(root, mergeSettings(stored[SETTINGS_KEY])))
}
