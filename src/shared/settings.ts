/**
 * User settings: one typed object with defaults, kept in `storage.local` (never `sync`, never
 * secrets). The type comes from the defaults; a setting is added here and nowhere else.
 */
import type { Surface } from './messaging/protocol'

/** Temporary: no ChatGPT history. Delete: hidden from the sidebar after the answer. Keep: normal. */
export type PrivacyMode = 'temporary' | 'delete-after' | 'keep'

export const DEFAULT_SETTINGS = {
  /** Privacy per surface. Selections default to temporary: page text is the most sensitive input. */
  privacy: { popup: 'keep', selection: 'temporary', omnibox: 'keep', 'chat-page': 'keep' } as Record<Surface, PrivacyMode>,
  /** Model slug; '' = the account's default. */
  defaultModel: '',
  theme: 'system' as 'system' | 'light' | 'dark',
}

export type Settings = typeof DEFAULT_SETTINGS

export const SETTINGS_KEY = 'settings:v1'

/** Merge stored values over the defaults, keeping only known keys of the right type. */
export function mergeSettings(stored: unknown): Settings {
  const value = (stored && typeof stored === 'object' ? stored : {}) as Partial<Settings>
  const privacy = { ...DEFAULT_SETTINGS.privacy }
  for (const surface of Object.keys(privacy) as Surface[]) {
    const mode = value.privacy?.[surface]
    if (mode === 'temporary' || mode === 'delete-after' || mode === 'keep') privacy[surface] = mode
  }
  return {
    privacy,
    defaultModel: typeof value.defaultModel === 'string' ? value.defaultModel : DEFAULT_SETTINGS.defaultModel,
    theme: value.theme === 'light' || value.theme === 'dark' ? value.theme : 'system',
  }
}
