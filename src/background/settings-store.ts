/** Reads settings for the worker; the options page writes them (one key, merged over defaults). */
import { mergeSettings, SETTINGS_KEY, type Settings } from '../shared/settings'
import type { KeyValueArea } from './storage-areas'

export function createSettingsReader(area: KeyValueArea): () => Promise<Settings> {
  return async () => mergeSettings(await area.get(SETTINGS_KEY))
}
