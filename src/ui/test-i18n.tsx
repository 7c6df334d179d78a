/**
 * Test support: a `Translate` backed by the real en messages.json with Chrome's placeholder rules,
 * throwing on an unknown key so a typo fails the test that renders it.
 */
import type { ComponentChild } from 'preact'
import { render } from '@testing-library/preact'
import en from '../../public/_locales/en/messages.json'
import { I18nContext, type Translate } from './i18n'

interface Message {
  message: string
  placeholders?: Record<string, { content: string }>
}

const messages: Record<string, Message> = en

/** Chrome's `getMessage`: `$NAME$` → placeholder content, whose `$1`… take the substitutions. */
export function translateFrom(table: Record<string, Message>): Translate {
  return (key, substitutions) => {
    const entry = table[key]
    if (!entry) throw new Error(`missing i18n key: ${key}`)
    const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions]
    const fill = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '')
    return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (match, name: string) => {
      const placeholder = entry.placeholders?.[name.toLowerCase()]
      return placeholder ? fill(placeholder.content) : match
    })
  }
}

/** The en translations, as the popup would show them. */
export const testT: Translate = translateFrom(messages)

/** Renders `ui` inside the test i18n context. */
export function renderUi(ui: ComponentChild) {
  return render(<I18nContext.Provider value={testT}>{ui}</I18nContext.Provider>)
}
