/**
 * The `gpt` keyword. Typing only reads local history (once per typing session, then filters in
 * memory); Enter creates the thread and starts its job here in the worker, then opens the chat
 * page on `#<threadKey>`. The page never holds the question, so reloading it cannot send it again.
 * Browser APIs are injected (see register-omnibox.ts).
 */
import type { ThreadRecord } from '../thread-repository'
import { CHAT_PAGE_PATH, chatAskPath, chatPagePath } from '../../chat/chat-page-url'
import { MAX_QUESTION_LENGTH } from '../../chat/chat-location'
import { defaultDescription, suggestQuestions, type OmniboxSuggestion } from './omnibox-suggestions'
import { recentQuestions } from './recent-questions'

/** Where Enter opens the page: Enter, Alt+Enter, and the background-tab gesture. */
export type Disposition = 'currentTab' | 'newForegroundTab' | 'newBackgroundTab'

export interface OmniboxDeps {
  loadThreads(): Promise<ThreadRecord[]>
  /** Creates an omnibox thread and starts its first job; resolves with its key once recorded. */
  startQuestion(question: string): Promise<string>
  /** Opens an extension path (e.g. `src/chat/index.html#…`) as the disposition says. */
  openPath(path: string, disposition: Disposition): Promise<void>
  setDefaultSuggestion(description: string): Promise<void>
  translate(key: string): string
}

export function createOmniboxHandlers(deps: OmniboxDeps) {
  // One read of history per typing session: keystrokes filter this list and touch nothing else.
  let recent: Promise<string[]> | undefined
  const questions = () => (recent ??= deps.loadThreads().then((records) => recentQuestions(records), () => []))

  return {
    inputStarted(): void {
      recent = undefined
      void questions()
      // If Chromium refused it, the row keeps the browser's own default text: nothing to do.
      deps.setDefaultSuggestion(defaultDescription(deps.translate('omniboxDefault'))).catch(() => undefined)
    },

    async inputChanged(text: string, suggest: (rows: OmniboxSuggestion[]) => void): Promise<void> {
      suggest(suggestQuestions(text, await questions(), deps.translate('omniboxAskedBefore')))
    },

    async inputEntered(text: string, disposition: Disposition): Promise<void> {
      recent = undefined // the next session should see this question
      const question = text.trim().slice(0, MAX_QUESTION_LENGTH)
      if (!question) return deps.openPath(CHAT_PAGE_PATH, disposition)
      let path: string
      try {
        path = chatPagePath(await deps.startQuestion(question))
      } catch {
        // Nothing was sent (the job never started): let the page ask, through the same `?q=` rule.
        path = chatAskPath(question)
      }
      await deps.openPath(path, disposition)
    },

    inputCancelled(): void {
      recent = undefined
    },
  }
}

export type OmniboxHandlers = ReturnType<typeof createOmniboxHandlers>
