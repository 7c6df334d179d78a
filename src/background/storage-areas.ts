/**
 * Key-value areas over extension storage. `session` lives in memory for the browser session and is
 * readable only by extension pages and the worker (Chrome's default TRUSTED_CONTEXTS access level),
 * so it may hold the token cache; `local` holds threads and settings, never a credential.
 */
import browser from '../shared/platform/browser'

export interface KeyValueArea {
  get<T>(key: string): Promise<T | undefined>
  getAll(prefix: string): Promise<Record<string, unknown>>
  set(key: string, value: unknown): Promise<void>
  remove(key: string): Promise<void>
}

function wrap(area: typeof browser.storage.local): KeyValueArea {
  return {
    async get<T>(key: string) {
      const record = await area.get(key)
      return record[key] as T | undefined
    },
    async getAll(prefix) {
      const all = await area.get(null)
      return Object.fromEntries(Object.entries(all).filter(([key]) => key.startsWith(prefix)))
    },
    async set(key, value) {
      await area.set({ [key]: value })
    },
    async remove(key) {
      await area.remove(key)
    },
  }
}

export const localArea = wrap(browser.storage.local)
export const sessionArea = wrap(browser.storage.session)
