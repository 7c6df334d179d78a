/**
 * The theme setting on an extension page: `data-theme` on <html> for light/dark, nothing for
 * "follow the system" (ui.css then follows prefers-color-scheme). Applied at load and again
 * whenever the setting changes, so every open page switches together.
 */
import browser from './platform/browser'
import { mergeSettings, SETTINGS_KEY, type Settings } from './settings'

export function applyTheme(root: HTMLElement, theme: Settings['theme']): void {
  if (theme === 'system') delete root.dataset.theme
  else root.dataset.theme = theme
}

/** Applies the stored theme now and on every change; returns the unsubscribe. */
export function followTheme(root: HTMLElement = document.documentElement): () => void {
  void browser.storage.local.get(SETTINGS_KEY).then((stored) => applyTheme(root, mergeSettings(stored[SETTINGS_KEY]).theme))
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const change = changes[SETTINGS_KEY]
    if (area === 'local' && change) applyTheme(root, mergeSettings(change.newValue).theme)
  }
  browser.storage.onChanged.addListener(onChanged)
  return () => browser.storage.onChanged.removeListener(onChanged)
}
