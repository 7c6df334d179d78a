import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { KeyValueArea } from '../storage-areas'

/** A tab strip: URLs are visible to `query` only once a load commits, as in Chrome. */
const strip = vi.hoisted(() => {
  type Tab = { id: number; url?: string; status: 'loading' | 'complete'; active: boolean; discarded: boolean; autoDiscardable: boolean }
  const tabs = new Map<number, Tab>()
  const updated = new Set<(id: number, info: object, tab: Tab) => void>()
  const removed = new Set<(id: number) => void>()
  let nextId = 100
  const copy = (tab: Tab) => ({ ...tab })
  return {
    tabs,
    created: [] as number[],
    add(tab: Partial<Tab> & { url: string }) {
      const full: Tab = { id: nextId++, status: 'complete', active: false, discarded: false, autoDiscardable: true, ...tab }
      tabs.set(full.id, full)
      return full
    },
    /** Finishes loading every loading tab. */
    loadAll(url = 'https://chatgpt.com/') {
      for (const tab of tabs.values()) {
        if (tab.status !== 'loading') continue
        tab.status = 'complete'
        tab.url = url
        for (const listener of updated) listener(tab.id, { status: 'complete' }, copy(tab))
      }
    },
    api: {
      tabs: {
        query: async ({ url }: { url: string }) =>
          [...tabs.values()].filter((t) => t.url !== undefined && t.url.startsWith(url.replace('*', ''))).map(copy),
        get: async (id: number) => {
          const tab = tabs.get(id)
          if (!tab) throw new Error('No tab with id')
          return copy(tab)
        },
        create: async ({ active }: { url: string; active: boolean }) => {
          const tab: Tab = { id: nextId++, status: 'loading', active, discarded: false, autoDiscardable: true }
          tabs.set(tab.id, tab)
          return copy(tab)
        },
        update: async (id: number, props: { autoDiscardable: boolean }) => {
          Object.assign(tabs.get(id)!, props)
          return copy(tabs.get(id)!)
        },
        remove: async (id: number) => {
          tabs.delete(id)
          for (const listener of removed) listener(id)
        },
        onUpdated: { addListener: (l: never) => updated.add(l), removeListener: (l: never) => updated.delete(l) },
        onRemoved: { addListener: (l: never) => removed.add(l), removeListener: (l: never) => removed.delete(l) },
      },
    },
  }
})
vi.mock('../../shared/platform/browser', () => ({ default: strip.api }))
const { createRelayTabs } = await import('./relay-tabs')

function memoryArea(): KeyValueArea {
  const values = new Map<string, unknown>()
  return {
    get: async <T,>(key: string) => values.get(key) as T | undefined,
    getAll: async () => Object.fromEntries(values),
    set: async (key, value) => void values.set(key, value),
    remove: async (key) => void values.delete(key),
  }
}

const IDLE = 1_000
let allowed = false
const setup = () => createRelayTabs({ mayOpenTab: async () => allowed, store: memoryArea(), idleMs: IDLE })
/** Lets pending promise chains run. */
const flush = async () => {
  for (let i = 0; i < 20; i += 1) await Promise.resolve()
}

beforeEach(() => {
  vi.useFakeTimers()
  strip.tabs.clear()
  allowed = false
})
afterEach(() => vi.useRealTimers())

describe('relay tabs', () => {
  it('uses the user\'s chatgpt.com tab, keeps it from being discarded while relaying, and gives it back when idle', async () => {
    const mine = strip.add({ url: 'https://chatgpt.com/c/123' })
    strip.add({ url: 'https://example.com/' })
    const tabs = setup()
    const lease = await tabs.acquire()
    expect(lease.tabId).toBe(mine.id)
    expect(strip.tabs.get(mine.id)!.autoDiscardable).toBe(false)
    lease.release()
    await vi.advanceTimersByTimeAsync(IDLE)
    expect(strip.tabs.get(mine.id)).toMatchObject({ autoDiscardable: true })
  })

  it('without a tab and without permission: relay-unavailable, nothing opened', async () => {
    const tabs = setup()
    await expect(tabs.acquire()).rejects.toMatchObject({ code: 'relay-unavailable' })
    expect(strip.tabs.size).toBe(0)
  })

  it('with permission, requests arriving together share one background tab, closed when idle', async () => {
    allowed = true
    const tabs = setup()
    const leases = [tabs.acquire(), tabs.acquire(), tabs.acquire()]
    await flush()
    strip.loadAll()
    const [a, b, c] = await Promise.all(leases)
    expect(strip.tabs.size).toBe(1)
    expect(new Set([a!.tabId, b!.tabId, c!.tabId]).size).toBe(1)
    expect(strip.tabs.get(a!.tabId)).toMatchObject({ active: false, autoDiscardable: false })
    a!.release()
    b!.release()
    await vi.advanceTimersByTimeAsync(IDLE)
    expect(strip.tabs.size).toBe(1) // one lease still held
    c!.release()
    await vi.advanceTimersByTimeAsync(IDLE)
    expect(strip.tabs.size).toBe(0)
  })

  it('a request while the opened tab still loads waits for that tab instead of opening another', async () => {
    allowed = true
    const tabs = setup()
    const first = tabs.acquire()
    await flush()
    const second = tabs.acquire()
    await flush()
    strip.loadAll()
    expect((await first).tabId).toBe((await second).tabId)
    expect(strip.tabs.size).toBe(1)
  })

  it('does not close its tab when the user has switched to it', async () => {
    allowed = true
    const tabs = setup()
    const pending = tabs.acquire()
    await flush()
    strip.loadAll()
    const lease = await pending
    strip.tabs.get(lease.tabId)!.active = true
    lease.release()
    await vi.advanceTimersByTimeAsync(IDLE)
    expect(strip.tabs.has(lease.tabId)).toBe(true)
  })

  it('a tab that leaves chatgpt.com while loading is not used', async () => {
    allowed = true
    const tabs = setup()
    const pending = tabs.acquire()
    pending.catch(() => undefined)
    await flush()
    strip.loadAll('https://elsewhere.example/')
    await expect(pending).rejects.toMatchObject({ code: 'relay-unavailable' })
  })

  it('an opened tab that never loads is given up after a bound, and closed when idle', async () => {
    allowed = true
    const tabs = setup()
    const pending = tabs.acquire()
    pending.catch(() => undefined)
    await vi.advanceTimersByTimeAsync(20_000)
    await expect(pending).rejects.toMatchObject({ code: 'relay-unavailable' })
    expect(strip.tabs.size).toBe(1)
    await vi.advanceTimersByTimeAsync(IDLE)
    expect(strip.tabs.size).toBe(0)
  })
})
