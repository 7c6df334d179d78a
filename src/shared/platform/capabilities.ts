/**
 * What differs between the browsers the extension ships to, in one place, each with its Firefox
 * path. A runtime check where an API can tell; where none can (how the address bar shows text),
 * the build says which browser it is for: vite.firefox.config.ts defines VITE_TARGET_BROWSER.
 * Not differences: `storage.session` is readable only by extension pages and the background in
 * both browsers by default (nothing here widens it), and there is no sidePanel or offscreen use.
 */
import browser from './browser'

export type TargetBrowser = 'chrome' | 'firefox'

export const TARGET_BROWSER: TargetBrowser = import.meta.env.VITE_TARGET_BROWSER === 'firefox' ? 'firefox' : 'chrome'

/**
 * Chrome styles omnibox descriptions written as XML (`<match>`, `<dim>`, `<url>`); Firefox shows
 * the description as plain text, tags and entities included.
 */
export const OMNIBOX_MARKUP = TARGET_BROWSER === 'chrome'

/**
 * Opens the browser's page for changing extension shortcuts: Firefox has an API for it
 * (`commands.openShortcutSettings`, Firefox 137+) and no chrome:// URL; Chrome has no such API
 * and opens chrome://extensions/shortcuts in a tab (`openChromePage`).
 */
export function openShortcutSettings(openChromePage: () => void): void {
  const commands = browser.commands as { openShortcutSettings?: () => Promise<void> }
  if (typeof commands.openShortcutSettings === 'function') void commands.openShortcutSettings()
  else openChromePage()
}
