/**
 * The `gpt` keyword. Typing only reads local history and the templates (once per typing session,
 * then filters in memory); Enter creates the thread and starts its job here in the worker, then
 * opens the chat page on `#<threadKey>`. The page never holds the question, so reloading it cannot
 * send it again. Browser APIs are injected (see register-omnibox.ts).
 */
import type { ThreadRecord } from '../thread-repository'
import { CHAT_PAGE_PATH, chatAskPath, chatPagePath } from '../../chat/chat-page-url'
import { MAX_QUESTION_LENGTH } from '../../chat/chat-location'
import { defaultDescription, MAX_SUGGESTIONS, suggestQuestions, type OmniboxSuggestion } from './omnibox-suggestions'
import { parseTemplateCommand, suggestTemplates, type TemplateChoice } from './omnibox-templates'
import { recentQuestions } from './recent-questions'

/** Where Enter opens the page: Enter, Alt+Enter, and the background-tab gesture. */
export type Disposition = 'currentTab' | 'newForegroundTab' | 'newBackgroundTab'

/** A selection template, as far as the omnibox needs it. */
export interface OmniboxTemplate extends TemplateChoice {
  text: string
}

/** Earlier questions shown before template rows when both match, so both kinds stay visible. */
const QUESTIONS_BEFORE_TEMPLATES = 3

export interface OmniboxDeps {
  loadThreads(): Promise<ThreadRecord[]>
  loadTemplates(): Promise<OmniboxTemplate[]>
  /** The template's prompt with the typed text where the selection would go. */
  templatePrompt(template: OmniboxTemplate, text: string): string
  /** Creates an omnibox thread and starts its first job; resolves with its key once recorded. */
  startQuestion(question: string): Promise<string>
  /** Opens an extension path (e.g. `src/chat/index.html#…`) as the disposition says. */
  openPath(path: string, disposition: Disposition): Promise<void>
  setDefaultSuggestion(description: string): Promise<void>
  translate(key: string): string
}

export function createOmniboxHandlers(deps: OmniboxDeps) {
  // One read per typing session: keystrokes filter these lists and touch nothing else.
  let recent: Promise<string[]> | undefined
  let templateList: Promise<OmniboxTemplate[]> | undefined
  const questions = () => (recent ??= deps.loadThreads().then((records) => recentQuestions(records), () => []))
  const templates = () => (templateList ??= deps.loadTemplates().catch(() => []))
  const forget = () => {
    recent = undefined
    templateList = undefined
  }

  return {
    inputStarted(): void {
      forget()
      void questions()
      void templates()
      // If Chromium refused it, the row keeps the browser's own default text: nothing to do.
      deps.setDefaultSuggestion(defaultDescription(deps.translate('omniboxDefault'))).catch(() => undefined)
    },

    async inputChanged(text: string, suggest: (rows: OmniboxSuggestion[]) => void): Promise<void> {
      const [asked, offered] = await Promise.all([questions(), templates()])
      const earlier = suggestQuestions(text, asked, deps.translate('omniboxAskedBefore'))
      const shown = suggestTemplates(text, offered, 1).length > 0 ? earlier.slice(0, QUESTIONS_BEFORE_TEMPLATES) : earlier
      suggest([...shown, ...suggestTemplates(text, offered, MAX_SUGGESTIONS - shown.length)])
    },

    async inputEntered(text: string, disposition: Disposition): Promise<void> {
      forget() // the next session should see this question
      const typed = text.trim().slice(0, MAX_QUESTION_LENGTH)
      if (!typed) return deps.openPath(CHAT_PAGE_PATH, disposition)
      // Read afresh: an edit in options since the last keystroke counts.
      const command = parseTemplateCommand(typed, await deps.loadTemplates().catch(() => []))
      const question = command ? deps.templatePrompt(command.template, command.text) : typed
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
      forget()
    },
  }
}

export type OmniboxHandlers = ReturnType<typeof createOmniboxHandlers>
