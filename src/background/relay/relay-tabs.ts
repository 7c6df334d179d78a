/**
 * Which chatgpt.com tab relays (issue 11): one the user has open, or, only if the user allowed it
 * in the options, a background tab the extension opens. While a tab relays it is kept from being
 * discarded (Chrome 133+ freezes hidden tabs, protocol.md §10.6); once idle, a user's tab gets its
 * setting back and the extension's own tab is closed, unless the user has taken it over.
 *
 * Host permission for chatgpt.com lets `tabs.query({ url })` see exactly those tabs and their
 * URLs, without the broad "tabs" permission.
 */
import { ChatGptError } from '../../core/chatgpt/chatgpt-error'
import { CHATGPT_HOST } from '../../core/chatgpt/http/endpoints'
import browser, { type Tabs } from '../../shared/platform/browser'
import type { KeyValueArea } from '../storage-areas'

const RELAY_TAB_PATTERN = `${CHATGPT_HOST}/*`
/** storage.session: the tab the extension opened, so a restarted worker still closes it. */
const OPENED_TAB_KEY = 'relay-opened-tab'
/** Idle time before a relay tab is released; under the worker's 30 s idle limit, so it fires. */
export const RELAY_IDLE_MS = 15_000
const LOAD_TIMEOUT_MS = 20_000

export interface RelayTabLease {
  tabId: number
  release(): void
}

export interface RelayTabsDeps {
  /** The user's "open a chatgpt.com tab when needed" setting. */
  mayOpenTab: () => Promise<boolean>
  store: KeyValueArea
  idleMs?: number
}

const unavailable = (message: string) => new ChatGptError('relay-unavailable', message)

function originOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).origin : undefined
  } catch {
    return undefined
  }
}

/** Resolves once `tab` has loaded a chatgpt.com document (bounded; rejects if it goes away). */
function whenLoaded(tab: Tabs.Tab, signal?: AbortSignal): Promise<Tabs.Tab> {
  const tabId = tab.id as number
  if (tab.status === 'complete' && originOf(tab.url) === CHATGPT_HOST) return Promise.resolve(tab)
  return new Promise((resolve, reject) => {
    const finish = (settle: () => void) => {
      clearTimeout(timer)
      browser.tabs.onUpdated.removeListener(onUpdated)
      browser.tabs.onRemoved.removeListener(onRemoved)
      signal?.removeEventListener('abort', onAbort)
      settle()
    }
    const check = (updated: Tabs.Tab) => {
      if (updated.status !== 'complete') return
      if (originOf(updated.url) === CHATGPT_HOST) finish(() => resolve(updated))
      else finish(() => reject(unavailable('The chatgpt.com tab went to another site.')))
    }
    const onUpdated = (id: number, _info: Tabs.OnUpdatedChangeInfoType, updated: Tabs.Tab) => {
      if (id === tabId) check(updated)
    }
    const onRemoved = (id: number) => {
      if (id === tabId) finish(() => reject(unavailable('The chatgpt.com tab was closed.')))
    }
    const onAbort = () => finish(() => reject(new ChatGptError('aborted', 'Stopped.')))
    const timer = setTimeout(() => finish(() => reject(unavailable('The chatgpt.com tab did not finish loading.'))), LOAD_TIMEOUT_MS)
    browser.tabs.onUpdated.addListener(onUpdated)
    browser.tabs.onRemoved.addListener(onRemoved)
    signal?.addEventListener('abort', onAbort, { once: true })
    // It may have finished between the query and the listeners.
    browser.tabs.get(tabId).then(check, () => onRemoved(tabId))
  })
}

export function createRelayTabs(deps: RelayTabsDeps) {
  const idleMs = deps.idleMs ?? RELAY_IDLE_MS
  const leases = new Map<number, number>()
  const madeUndiscardable = new Set<number>()
  // undefined = not read from storage yet; null = the extension has no tab open.
  let openedId: number | null | undefined
  let opening: Promise<Tabs.Tab> | undefined
  let idleTimer: ReturnType<typeof setTimeout> | undefined
  // Requests between "pick a tab" and "hold it": idle() must not close that tab meanwhile.
  let acquiring = 0

  async function ownTab(): Promise<number | undefined> {
    openedId ??= (await deps.store.get<number>(OPENED_TAB_KEY)) ?? null
    return openedId ?? undefined
  }

  async function pick(): Promise<Tabs.Tab | undefined> {
    const tabs = (await browser.tabs.query({ url: RELAY_TAB_PATTERN })).filter(
      (tab) => tab.id !== undefined && !tab.discarded && originOf(tab.url) === CHATGPT_HOST,
    )
    const ours = await ownTab()
    // A tab already relaying, then the extension's own, then a loaded tab of the user's.
    return (
      tabs.find((tab) => leases.has(tab.id as number)) ??
      tabs.find((tab) => tab.id === ours) ??
      (ours === undefined ? undefined : await stillLoading(ours)) ??
      tabs.find((tab) => tab.status === 'complete') ??
      tabs[0]
    )
  }

  /** The extension's own tab while it loads: its URL is not visible to a URL query until it commits. */
  async function stillLoading(tabId: number): Promise<Tabs.Tab | undefined> {
    const tab = await browser.tabs.get(tabId).catch(() => undefined)
    return tab && tab.status === 'loading' && !tab.discarded ? tab : undefined
  }

  async function open(): Promise<Tabs.Tab> {
    const tab = await browser.tabs.create({ url: `${CHATGPT_HOST}/`, active: false })
    if (tab.id === undefined) throw unavailable('Could not open a chatgpt.com tab.')
    openedId = tab.id
    await deps.store.set(OPENED_TAB_KEY, tab.id)
    return tab
  }

  const busy = () => leases.size > 0 || acquiring > 0

  function scheduleIdle(): void {
    clearTimeout(idleTimer)
    idleTimer = setTimeout(() => void idle(), idleMs)
  }

  /** Gives idle tabs back: the setting restored, the extension's own tab closed. */
  async function idle(): Promise<void> {
    if (busy()) return
    for (const tabId of [...madeUndiscardable]) {
      if (leases.has(tabId)) continue
      madeUndiscardable.delete(tabId)
      await browser.tabs.update(tabId, { autoDiscardable: true }).catch(() => undefined)
    }
    const ours = await ownTab()
    const tab = ours === undefined ? undefined : await browser.tabs.get(ours).catch(() => undefined)
    // A request came in meanwhile: it may be using that tab.
    if (ours === undefined || busy()) return
    openedId = null
    await deps.store.remove(OPENED_TAB_KEY)
    // Looked at, or taken elsewhere: the user's tab now, not ours to close. (One still loading
    // shows no URL yet; it never got anywhere else.)
    const stillOurs = originOf(tab?.url) === CHATGPT_HOST || tab?.status === 'loading'
    if (tab && !tab.active && stillOurs) await browser.tabs.remove(ours).catch(() => undefined)
  }

  return {
    /**
     * A loaded chatgpt.com tab to relay through, held until `release()`. Rejects with
     * `relay-unavailable` when none is open and the user has not allowed opening one.
     */
    async acquire(signal?: AbortSignal): Promise<RelayTabLease> {
      clearTimeout(idleTimer)
      acquiring += 1
      let tab: Tabs.Tab
      try {
        let found = await pick()
        if (!found) {
          if (!(await deps.mayOpenTab())) throw unavailable('No chatgpt.com tab is open to send from.')
          // One tab for every request that arrives while it opens and loads.
          opening ??= open()
            .then((opened) => whenLoaded(opened))
            .finally(() => {
              opening = undefined
            })
          found = await opening
        }
        tab = await whenLoaded(found, signal)
      } catch (error) {
        // Nothing relays now: a tab of ours that never loaded is closed like an idle one.
        if (leases.size === 0) scheduleIdle()
        throw error
      } finally {
        acquiring -= 1
      }
      const tabId = tab.id as number
      leases.set(tabId, (leases.get(tabId) ?? 0) + 1)
      if (tab.autoDiscardable !== false && !madeUndiscardable.has(tabId)) {
        madeUndiscardable.add(tabId)
        await browser.tabs.update(tabId, { autoDiscardable: false }).catch(() => undefined)
      }
      let released = false
      return {
        tabId,
        release() {
          if (released) return
          released = true
          const left = (leases.get(tabId) ?? 1) - 1
          if (left > 0) return void leases.set(tabId, left)
          leases.delete(tabId)
          if (leases.size === 0) scheduleIdle()
        },
      }
    },
  }
}

export type RelayTabs = ReturnType<typeof createRelayTabs>
