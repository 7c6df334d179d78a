/**
 * Test support: the parts of the extension API the selection code uses, in memory. Tests mock
 * `shared/platform/browser` with `fakeBrowser` and read what the code did from it.
 */
import { vi } from 'vitest'

type Listener = (...args: never[]) => void

function fakeEvent() {
  const listeners = new Set<Listener>()
  return {
    listeners,
    addListener: (listener: Listener) => void listeners.add(listener),
    removeListener: (listener: Listener) => void listeners.delete(listener),
    fire: (...args: unknown[]) => listeners.forEach((listener) => (listener as (...a: unknown[]) => void)(...args)),
  }
}

/** A storage area over a Map, with the promise API of `browser.storage.*`. */
export function memoryStorageArea() {
  const data = new Map<string, unknown>()
  const copy = <T>(value: T): T => structuredClone(value)
  return {
    data,
    async get(key: string | null) {
      if (key === null) return Object.fromEntries([...data].map(([k, v]) => [k, copy(v)]))
      return data.has(key) ? { [key]: copy(data.get(key)) } : {}
    },
    async set(items: Record<string, unknown>) {
      for (const [k, v] of Object.entries(items)) data.set(k, copy(v))
    },
    async remove(key: string) {
      data.delete(key)
    },
  }
}

export const EXTENSION_ORIGIN = 'chrome-extension://extension-id/'

export const fakeBrowser = {
  runtime: {
    id: 'extension-id',
    getURL: (path: string) => `${EXTENSION_ORIGIN}${path.replace(/^\//, '')}`,
    lastError: undefined as { message: string } | undefined,
  },
  i18n: {
    getMessage: vi.fn((key: string) => (key === 'askAboutSelection' ? 'Ask ChatGPT about “%s”' : '')),
    getUILanguage: () => 'en-US',
  },
  storage: { local: memoryStorageArea(), session: memoryStorageArea(), onChanged: fakeEvent() },
  tabs: { onRemoved: fakeEvent(), create: vi.fn(async (_props: object) => ({})) },
  contextMenus: {
    calls: [] as string[],
    removeAll: vi.fn(async () => void fakeBrowser.contextMenus.calls.push('removeAll')),
    create: vi.fn((item: { id: string }, done?: () => void) => {
      fakeBrowser.contextMenus.calls.push(item.id)
      setTimeout(() => done?.(), 0)
      return item.id
    }),
  },
  scripting: { executeScript: vi.fn(async (_injection: object) => [{ result: undefined }]) },
}

/** Empties storage and forgets calls between tests. */
export function resetFakeBrowser() {
  fakeBrowser.storage.local.data.clear()
  fakeBrowser.storage.session.data.clear()
  fakeBrowser.tabs.onRemoved.listeners.clear()
  fakeBrowser.contextMenus.calls.length = 0
  vi.clearAllMocks()
}
