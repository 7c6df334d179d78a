/**
 * Wires the `gpt` keyword's events to the handlers with the real browser and worker services.
 * Called synchronously at the worker's top level, so a keyword press can wake the worker.
 */
import browser from '../../shared/platform/browser'
import { newThreadKey } from '../../chat/chat-page-url'
import { buildSelectionPrompt, languageName } from '../selection/build-prompt'
import { loadTemplates } from '../selection/template-store'
import type { WorkerServices } from '../worker-services'
import { createOmniboxHandlers, type Disposition } from './omnibox-handlers'
import { OMNIBOX_MARKUP } from '../../shared/platform/capabilities'
import { omniboxPlainText } from './omnibox-plain-text'

/** Firefox shows descriptions as plain text, so its build sends the text the XML encodes. */
const forBrowser = (description: string) => (OMNIBOX_MARKUP ? description : omniboxPlainText(description))

async function openPath(path: string, disposition: Disposition): Promise<void> {
  const url = browser.runtime.getURL(path)
  if (disposition === 'currentTab') {
    try {
      await browser.tabs.update({ url })
      return
    } catch {
      // No current tab to reuse (e.g. the last one just closed): a new tab still shows the answer.
    }
  }
  await browser.tabs.create({ url, active: disposition !== 'newBackgroundTab' })
}

export function registerOmnibox(services: WorkerServices): void {
  const handlers = createOmniboxHandlers({
    loadThreads: () => services.threads.all(),
    loadTemplates,
    // No page behind an address-bar question: {{url}} and {{title}} stay empty.
    templatePrompt: (template, text) =>
      buildSelectionPrompt(template.text, { selection: text, url: '', title: '', language: languageName(browser.i18n.getUILanguage()) }),
    async startQuestion(question) {
      const privacy = (await services.settings()).privacy.omnibox
      const threadKey = newThreadKey('omnibox', crypto.randomUUID())
      await services.threads.open(threadKey, 'omnibox', privacy === 'temporary', privacy)
      await services.runner.start(threadKey, 'next', question)
      return threadKey
    },
    openPath,
    async setDefaultSuggestion(description) {
      // Typed as void by the polyfill; Chrome's MV3 API returns a promise that rejects on bad XML.
      await browser.omnibox.setDefaultSuggestion({ description: forBrowser(description) })
    },
    translate: (key) => browser.i18n.getMessage(key) || key,
  })
  browser.omnibox.onInputStarted.addListener(() => handlers.inputStarted())
  browser.omnibox.onInputChanged.addListener(
    (text, suggest) => void handlers.inputChanged(text, (rows) => suggest(rows.map((row) => ({ ...row, description: forBrowser(row.description) })))),
  )
  browser.omnibox.onInputEntered.addListener((text, disposition) => {
    handlers.inputEntered(text, disposition).catch((error: unknown) => console.error('omnibox: could not open the answer page', error))
  })
  browser.omnibox.onInputCancelled.addListener(() => handlers.inputCancelled())
}
