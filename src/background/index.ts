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
import { registerSelection } from './selection/register-selection'
import { registerOmnibox } from './omnibox/register-omnibox'

const services = createWorkerServices()

browser.runtime.onInstalled.addListener(() => void createContextMenus())
browser.runtime.onStartup.addListener(() => void createContextMenus())
browser.runtime.onConnect.addListener((port) => handleUiPort(port, services))
registerSelection(services)
registerOmnibox(services)

// A previous worker may have died mid-answer: finish those jobs from the server's copy.
void recoverLeftoverJobs(services)
