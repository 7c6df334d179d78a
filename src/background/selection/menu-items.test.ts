import { describe, expect, it } from 'vitest'
import { ASK_SELECTION_MENU_ID, parseMenuItemId, selectionMenuItems, templateForChoice } from './menu-items'
import { defaultTemplates, fallbackTemplate } from './templates'

const none = () => ''
const templates = defaultTemplates(none)

describe('selectionMenuItems', () => {
  it('is the root plus one child per visible template, in order', () => {
    const list = [{ ...templates[0]!, hidden: true }, ...templates.slice(1)]
    const items = selectionMenuItems(list, 'Ask ChatGPT about “%s”')
    expect(items[0]).toEqual({ id: 'ask-selection', title: 'Ask ChatGPT about “%s”', contexts: ['selection'] })
    expect(items.slice(1).map((i) => [i.id, i.title, i.parentId])).toEqual(
      templates.slice(1).map((t) => [`ask-selection:${t.id}`, t.name, 'ask-selection']),
    )
  })

  it('is the root alone when every template is hidden', () => {
    expect(selectionMenuItems(templates.map((t) => ({ ...t, hidden: true })), 'x')).toHaveLength(1)
  })
})

describe('parseMenuItemId', () => {
  it('knows the root and template items, and nothing else', () => {
    expect(parseMenuItemId(ASK_SELECTION_MENU_ID)).toEqual({ kind: 'root' })
    expect(parseMenuItemId('ask-selection:summarize')).toEqual({ kind: 'template', templateId: 'summarize' })
    expect(parseMenuItemId('ask-selection:')).toBeUndefined()
    expect(parseMenuItemId('other')).toBeUndefined()
    expect(parseMenuItemId(7)).toBeUndefined()
  })
})

describe('templateForChoice', () => {
  const fallback = fallbackTemplate(none)
  it('takes the chosen template', () => {
    expect(templateForChoice({ kind: 'template', templateId: 'polish' }, templates, fallback).id).toBe('polish')
  })
  it('takes the first visible one for the root or a template deleted since the menu was built', () => {
    const list = [{ ...templates[0]!, hidden: true }, templates[3]!]
    expect(templateForChoice({ kind: 'root' }, list, fallback).id).toBe('summarize')
    expect(templateForChoice({ kind: 'template', templateId: 'gone' }, list, fallback).id).toBe('summarize')
  })
  it('falls back when no template is visible', () => {
    expect(templateForChoice({ kind: 'root' }, [], fallback)).toBe(fallback)
  })
})
