/**
 * Selection templates: what each item of the "Ask ChatGPT about …" submenu asks. Stored as one
 * list in `storage.local` (the options page edits it, the worker reads it on every click and
 * rebuilds the menu when it changes). Pure: the caller passes the translations for the defaults.
 */

export interface SelectionTemplate {
  id: string
  /** The menu item's title. */
  name: string
  /** The prompt, with `{{selection}}`, `{{url}}`, `{{title}}` and `{{language}}` placeholders. */
  text: string
  /** Hidden templates stay in the list but not in the menu. */
  hidden: boolean
}

export const TEMPLATES_KEY = 'selection-templates:v1'

export const MAX_TEMPLATES = 30
export const MAX_NAME_LENGTH = 80
export const MAX_TEXT_LENGTH = 4_000
const ID = /^[\w-]{1,40}$/

/** Returns the message for a key, or '' when there is none (Chrome's `i18n.getMessage`). */
export type MessageLookup = (key: string) => string

interface DefaultTemplate {
  id: string
  nameKey: string
  /** Used when the locale has no name for it. */
  name: string
  text: string
}

// The instructions are English (ChatGPT follows them in any language); {{language}} names the
// browser's language so the answer comes back in the user's own.
const DEFAULTS: readonly DefaultTemplate[] = [
  { id: 'explain', nameKey: 'templateExplain', name: 'Explain', text: 'Explain the following text simply and clearly. Answer in {{language}}.\n\n{{selection}}' },
  { id: 'translate-en', nameKey: 'templateTranslateEnglish', name: 'Translate to English', text: 'Translate the following text into English. Reply with the translation only.\n\n{{selection}}' },
  { id: 'translate-zh', nameKey: 'templateTranslateChinese', name: '翻译成中文', text: '把下面的文字翻译成简体中文，只回复译文。\n\n{{selection}}' },
  { id: 'summarize', nameKey: 'templateSummarize', name: 'Summarize', text: 'Summarize the following text in a few bullet points. Answer in {{language}}.\n\n{{selection}}' },
  { id: 'polish', nameKey: 'templatePolish', name: 'Polish writing', text: 'Improve the writing of the following text: fix grammar, spelling and flow, and keep its meaning, tone and language. Reply with the improved text only.\n\n{{selection}}' },
  { id: 'explain-code', nameKey: 'templateExplainCode', name: 'Explain code', text: 'Explain what the following code does, step by step. Answer in {{language}}.\n\n{{selection}}' },
]

/** The templates a new install starts with, named in the browser's language. */
export function defaultTemplates(lookup: MessageLookup): SelectionTemplate[] {
  return DEFAULTS.map(({ id, nameKey, name, text }) => ({ id, name: lookup(nameKey) || name, text, hidden: false }))
}

/** The template the bare "Ask ChatGPT about …" item uses (it is clickable when all are hidden). */
export function fallbackTemplate(lookup: MessageLookup): SelectionTemplate {
  return defaultTemplates(lookup)[0]!
}

/** One stored entry, cleaned, or undefined when it can't be used. */
function parseTemplate(value: unknown): SelectionTemplate | undefined {
  if (!value || typeof value !== 'object') return undefined
  const v = value as Record<string, unknown>
  if (typeof v.id !== 'string' || !ID.test(v.id) || typeof v.name !== 'string' || typeof v.text !== 'string') return undefined
  const name = v.name.trim().slice(0, MAX_NAME_LENGTH)
  const text = v.text.slice(0, MAX_TEXT_LENGTH)
  if (!name || !text.trim()) return undefined
  return { id: v.id, name, text, hidden: v.hidden === true }
}

/**
 * The stored list, or the defaults when nothing was ever saved. Unusable entries and repeated ids
 * are dropped, so a damaged store never breaks the menu; an empty saved list stays empty.
 */
export function readTemplateList(stored: unknown, lookup: MessageLookup): SelectionTemplate[] {
  if (!Array.isArray(stored)) return defaultTemplates(lookup)
  const seen = new Set<string>()
  const list: SelectionTemplate[] = []
  for (const entry of stored.slice(0, MAX_TEMPLATES)) {
    const template = parseTemplate(entry)
    if (!template || seen.has(template.id)) continue
    seen.add(template.id)
    list.push(template)
  }
  return list
}

/** A fresh id for a template the user adds (ids only need to be unique within the list). */
export function newTemplateId(existing: readonly SelectionTemplate[]): string {
  const taken = new Set(existing.map((t) => t.id))
  let n = existing.length + 1
  while (taken.has(`custom-${n}`)) n += 1
  return `custom-${n}`
}
