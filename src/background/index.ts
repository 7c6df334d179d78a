/**
 * The service worker, as a table of contents. Every listener is registered synchronously at top
 * level (Chrome only delivers the waking event to listeners present in the first turn), and
 * nothing here holds state it cannot rebuild from storage.
 */
import browser from '../shared/platform/browser'
import { createContextMenus } from './context-menu'
import { createWorkerServices } from './worker-services'
import { handleUiPort } from './ui-port'
import { recoverLeftoverJobs } from './recover-leftover-jobs'
import { exposeDiagnostics } from './reliability/diagnostics'
import { registerSelection } from './selection/register-selection'
import { registerOmnibox } from './omnibox/register-omnibox'
import { registerCommands } from './commands'
import { readTabSelection } from './read-tab-selection'
import { CHAT_PAGE_PATH } from '../chat/chat-page-url'

const services = createWorkerServices()

browser.runtime.onInstalled.addListener(() => void createContextMenus())
browser.runtime.onStartup.addListener(() => void createContextMenus())
browser.runtime.onConnect.addListener((port) => handleUiPort(port, services))
// Ports from the relay function in a chatgpt.com tab (issue 11); each is checked before use.
browser.runtime.onConnect.addListener((port) => services.relay.acceptPort(port))
const selection = registerSelection(services)
registerOmnibox(services)
registerCommands(browser.commands.onCommand, {
  openChat: async () => void (await browser.tabs.create({ url: browser.runtime.getURL(CHAT_PAGE_PATH) })),
  readSelection: readTabSelection,
  askAboutSelection: selection.askAboutSelection,
})

// A previous worker may have died mid-answer: finish those jobs from the server's copy.
void recoverLeftoverJobs(services)
exposeDiagnostics(services.keepAlive, services.runner)

// "Delete after use" PATCHes that failed last time; then history migrations and the retention limit.
void services.hider.retryPending()
void services.history.ready().then(() => services.history.prune())
