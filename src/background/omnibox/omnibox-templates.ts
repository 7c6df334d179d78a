/**
 * The selection templates, offered for typed text: `gpt bonjour` also shows "Translate to English:
 * bonjour". Choosing such a row fills the box with `/<template id> <text>`, and Enter on a line of
 * that shape asks the template with the text in place of the selection. A question only becomes a
 * template this way when its first word is exactly `/` plus a template's id. Pure.
 */
import { escapeOmniboxXml, oneLine, truncate } from './omnibox-xml'
import type { OmniboxSuggestion } from './omnibox-suggestions'

/** The part of a selection template the omnibox uses. */
export interface TemplateChoice {
  id: string
  name: string
  hidden: boolean
}

const COMMAND = /^\/(\S+)\s+(\S[\s\S]*)$/
const SHOWN_CHARS = 80

/** `/translate-en bonjour` → that template and `bonjour`, when the id is a template's. */
export function parseTemplateCommand<T extends TemplateChoice>(input: string, templates: readonly T[]): { template: T; text: string } | undefined {
  const match = COMMAND.exec(input.trim())
  const template = match && templates.find((t) => t.id === match[1])
  return template && match?.[2] ? { template, text: match[2] } : undefined
}

/**
 * One row per visible template for the typed text, at most `limit`. `/expl…` narrows them to the
 * templates whose id or name contains what follows the slash.
 */
export function suggestTemplates(input: string, templates: readonly TemplateChoice[], limit: number): OmniboxSuggestion[] {
  const typed = oneLine(input)
  let filter = ''
  let text = typed
  const command = /^\/(\S*)\s*([\s\S]*)$/.exec(typed)
  if (command) {
    filter = (command[1] ?? '').toLowerCase()
    text = command[2] ?? ''
  }
  if (!text || limit <= 0) return []
  return templates
    .filter((t) => !t.hidden && (t.id.toLowerCase().includes(filter) || t.name.toLowerCase().includes(filter)))
    .slice(0, limit)
    .map((t) => ({
      content: `/${t.id} ${text}`,
      description: `<dim>${escapeOmniboxXml(truncate(oneLine(t.name), 40))}:</dim> <match>${escapeOmniboxXml(truncate(text, SHOWN_CHARS))}</match>`,
    }))
}
