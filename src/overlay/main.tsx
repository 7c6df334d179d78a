/**
 * Overlay entry: the thread key from the URL hash (the only thing the worker put there), the
 * translations, and the theme and default model from settings.
 */
import { render } from 'preact'
import browser from '../shared/platform/browser'
import { mergeSettings, SETTINGS_KEY, type Settings } from '../shared/settings'
import { followTheme } from '../shared/page-theme'
import { cachedTranslate, I18nContext, type Translate } from '../ui/i18n'
import '../ui/ui.css'
import './overlay.css'
import { OverlayApp } from './OverlayApp'
import { chatPagePath, CLOSE_MESSAGE, threadKeyFromHash } from './pages'
import { startClickGate, tracksVisibility, type ClickGate, type VisibilityObserverFactory } from './visibility-gate'

const t: Translate = cachedTranslate((key, substitutions) => browser.i18n.getMessage(key, substitutions) || key)
const openUrl = (url: string) => void browser.tabs.create({ url })
// The message is a constant with nothing in it: the page may see it, only our content script acts on it.
const requestClose = () => window.parent.postMessage(CLOSE_MESSAGE, '*')
const threadKey = threadKeyFromHash(location.hash)
// Started before the first render, so no click reaches a button before the overlay is verified visible.
const clickGate: ClickGate | undefined = tracksVisibility(window)
  ? startClickGate({ win: window, target: document.documentElement, Observer: IntersectionObserver as unknown as VisibilityObserverFactory })
  : undefined

function mount(root: HTMLElement, key: string, settings?: Settings) {
  render(
    <I18nContext.Provider value={t}>
      <OverlayApp
        threadKey={key}
        preferredModel={settings?.defaultModel}
        openUrl={openUrl}
        openInTab={() => openUrl(browser.runtime.getURL(chatPagePath(key)))}
        requestClose={requestClose}
        clickGate={clickGate}
      />
    </I18nContext.Provider>,
    root,
  )
}

const root = document.getElementById('app')
if (root && threadKey) {
  document.documentElement.lang = browser.i18n.getUILanguage()
  followTheme()
  mount(root, threadKey)
  void browser.storage.local.get(SETTINGS_KEY).then((stored) => mount(root, threadKey, mergeSettings(stored[SETTINGS_KEY])))
}
