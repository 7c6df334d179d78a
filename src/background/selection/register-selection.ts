/**
 * The selection feature's listeners, registered synchronously while the worker script first runs
 * (a menu click or a template edit may be what woke the worker).
 */
import browser, { type Menus, type Tabs } from '../../shared/platform/browser'
import { onTemplatesChanged } from '../context-menu'
import { sessionArea } from '../storage-areas'
import type { WorkerServices } from '../worker-services'
import { askAboutSelection } from './ask-about-selection'
import { createClosedTabWatch, watchOverlayPort } from './overlay-lifetime'

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export function registerSelection(services: Pick<WorkerServices, 'runner' | 'threads' | 'hub' | 'settings'>) {
  const lifetime = { runner: services.runner, threads: services.threads, hub: services.hub, sleep }
  const deps = { ...lifetime, settings: services.settings, session: sessionArea, closedTabs: createClosedTabWatch(lifetime) }
  browser.contextMenus.onClicked.addListener((info, tab) => {
    askAboutSelection(info, tab, deps).catch((error: unknown) => console.warn('ask about selection failed:', error))
  })
  browser.storage.onChanged.addListener(onTemplatesChanged)
  browser.runtime.onConnect.addListener((port) => watchOverlayPort(port, lifetime))
  // The keyboard command (commands.ts) asks through the same handler as a menu click.
  return { askAboutSelection: (info: Menus.OnClickData, tab: Tabs.Tab) => askAboutSelection(info, tab, deps) }
}
