/**
 * The options page's access to settings in storage.local. Writes change one top-level key at a
 * time over what is stored, so two editors on the page (this one and the templates editor) never
 * overwrite each other's fields with a stale copy.
 */
import browser from '../shared/platform/browser'
import { mergeSettings, SETTINGS_KEY, type Settings } from '../shared/settings'

export interface SettingsAccess {
  load(): Promise<Settings>
  update<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void>
  /** Calls back with the merged settings after every change (from any page); returns the unsubscribe. */
  subscribe(callback: (settings: Settings) => void): () => void
}

async function readRaw(): Promise<Record<string, unknown>> {
  const stored = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]
  return stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {}
}

export const settingsAccess: SettingsAccess = {
  load: async () => mergeSettings(await readRaw()),
  async update(key, value) {
    await browser.storage.local.set({ [SETTINGS_KEY]: { ...(await readRaw()), [key]: value } })
  },
  subscribe(callback) {
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const change = changes[SETTINGS_KEY]
      if (area === 'local' && change) callback(mergeSettings(change.newValue))
    }
    browser.storage.onChanged.addListener(onChanged)
    return () => browser.storage.onChanged.removeListener(onChanged)
  },
}
