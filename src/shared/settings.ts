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
  /**
   * An answer stream silent this long is given up and read back from ChatGPT instead (F6). Thinking
   * models go quiet for a while, so the default is generous; tests set a few seconds.
   */
  stallTimeoutMs: 90_000,
  /** When chatgpt.com refuses direct requests and no chatgpt.com tab is open, may the extension open one? */
  relayOpenTab: false,
  /** '' = answer in the question's language; else a BCP 47 tag the prompt asks for (see answer-language.ts). */
  answerLanguage: '',
  /** Local history retention: the newest `maxThreads` threads used within `maxAgeDays` are kept. */
  history: { maxThreads: 200, maxAgeDays: 90 },
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
    stallTimeoutMs:
      typeof value.stallTimeoutMs === 'number' && value.stallTimeoutMs >= 1_000 && value.stallTimeoutMs <= 600_000
        ? value.stallTimeoutMs
        : DEFAULT_SETTINGS.stallTimeoutMs,
    relayOpenTab: value.relayOpenTab === true,
    answerLanguage: typeof value.answerLanguage === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value.answerLanguage) ? value.answerLanguage : '',
    history: {
      maxThreads: boundedInt(value.history?.maxThreads, 1, 5000, DEFAULT_SETTINGS.history.maxThreads),
      maxAgeDays: boundedInt(value.history?.maxAgeDays, 1, 3650, DEFAULT_SETTINGS.history.maxAgeDays),
    },
  }
}

function boundedInt(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fallback
}
