/**
 * A selection answer lives as long as its overlay. The overlay iframe's port closes when its
 * document goes away: the tab closed, navigated or reloaded, the page entered the back/forward
 * cache, or the user closed the overlay. Then, unless another view (the chat page) still shows
 * the thread, the tab's running answer is stopped at once (the "within 1 s"). The port
 * says which tab it is in (`sender.tab.id`, set by the browser), so no message decides this.
 *
 * Why the port and not `tabs.onUpdated`: without the "tabs" permission an update only says
 * `status: 'loading'`, which also fires for same-document navigations (hash, pushState) that keep
 * the overlay on screen; the port closes exactly when the overlay's document does. `tabs.onRemoved`
 * covers the moment before the overlay has connected, and is listened to only while a selection
 * answer runs, so closing tabs never wakes an idle worker.
 */
import browser, { type Runtime } from '../../shared/platform/browser'
import { UI_PORT_NAME } from '../../shared/messaging/protocol'
import { OVERLAY_PAGE, tabThreadKey } from '../../overlay/pages'
import type { JobRunner } from '../job-runner'
import type { PortHub } from '../port-hub'
import { isExtensionPage } from '../sender-policy'
import type { ThreadRepository } from '../thread-repository'
import { stopThreadJobs } from './tab-threads'

export interface OverlayLifetimeDeps {
  runner: JobRunner
  threads: ThreadRepository
  hub: PortHub
  sleep: (ms: number) => Promise<void>
}

/** The tab an overlay port lives in, or undefined for any other port. */
export function overlayTabId(port: Runtime.Port): number | undefined {
  if (port.name !== UI_PORT_NAME || !isExtensionPage(port.sender) || !port.sender?.url) return undefined
  if (new URL(port.sender.url).pathname !== `/${OVERLAY_PAGE}`) return undefined
  const tabId = port.sender.tab?.id
  return tabId !== undefined && tabId >= 0 ? tabId : undefined
}

/** Stops the tab's answer when no view of its thread is left. */
async function stopIfUnwatched(tabId: number, deps: OverlayLifetimeDeps): Promise<void> {
  const threadKey = tabThreadKey(tabId)
  if (deps.hub.listeners(threadKey) > 0) return
  await stopThreadJobs(threadKey, deps)
}

/** runtime.onConnect: watch overlay ports (the UI port handler does everything else with them). */
export function watchOverlayPort(port: Runtime.Port, deps: OverlayLifetimeDeps): void {
  const tabId = overlayTabId(port)
  if (tabId === undefined) return
  // The UI port handler's own onDisconnect (registered first) drops the port from the hub; the
  // microtask makes the count independent of listener order.
  port.onDisconnect.addListener(() => queueMicrotask(() => void stopIfUnwatched(tabId, deps)))
}

/** Tabs with a selection answer starting or running; `tabs.onRemoved` is attached only meanwhile. */
export function createClosedTabWatch(deps: OverlayLifetimeDeps) {
  const running = new Map<number, number>()
  const onRemoved = (tabId: number) => {
    if (running.has(tabId)) void stopThreadJobs(tabThreadKey(tabId), deps)
  }
  return {
    /** Watches `tabId` until `done` settles (its answer reached a final state). */
    watch(tabId: number, done: Promise<unknown>): void {
      if (running.size === 0) browser.tabs.onRemoved.addListener(onRemoved)
      running.set(tabId, (running.get(tabId) ?? 0) + 1)
      void done.finally(() => {
        const left = (running.get(tabId) ?? 1) - 1
        if (left > 0) running.set(tabId, left)
        else running.delete(tabId)
        if (running.size === 0) browser.tabs.onRemoved.removeListener(onRemoved)
      })
    },
  }
}

export type ClosedTabWatch = ReturnType<typeof createClosedTabWatch>

const END_POLL_MS = 500
/** An answer's own limits end it long before this; the bound only keeps the loop finite. */
const END_POLLS = 7_200

/** Resolves once the job is no longer running in this worker. */
export async function whenJobEnds(runner: JobRunner, jobId: string, sleep: (ms: number) => Promise<void>): Promise<void> {
  for (let poll = 0; poll < END_POLLS && runner.isActive(jobId); poll += 1) await sleep(END_POLL_MS)
}
