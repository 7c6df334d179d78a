import { describe, expect, it } from 'vitest'
import { parseTemplateCommand, suggestTemplates, type TemplateChoice } from './omnibox-templates'
import { readDescription } from './test-xml-reader'

const TEMPLATES: TemplateChoice[] = [
  { id: 'explain', name: 'Explain', hidden: false },
  { id: 'translate-en', name: 'Translate to English', hidden: false },
  { id: 'secret', name: 'Hidden one', hidden: true },
  { id: 'custom-1', name: 'Fix <my> "code" & more', hidden: false },
]

describe('suggestTemplates', () => {
  it('offers each visible template for the typed text, as a /command row', () => {
    const rows = suggestTemplates('bonjour  le monde', TEMPLATES, 5)
    expect(rows.map((r) => r.content)).toEqual(['/explain bonjour le monde', '/translate-en bonjour le monde', '/custom-1 bonjour le monde'])
    expect(rows[1]!.description).toBe('<dim>Translate to English:</dim> <match>bonjour le monde</match>')
  })

  it('escapes template names and text', () => {
    const [row] = suggestTemplates('/custom a < b', TEMPLATES, 5)
    expect(row!.content).toBe('/custom-1 a < b')
    expect(readDescription(row!.description)).toEqual({ text: 'Fix <my> "code" & more: a < b', tags: ['dim', 'match'] })
  })

  it('narrows by what follows the slash, by id or name', () => {
    expect(suggestTemplates('/tr hello', TEMPLATES, 5).map((r) => r.content)).toEqual(['/translate-en hello'])
    expect(suggestTemplates('/english hello', TEMPLATES, 5).map((r) => r.content)).toEqual(['/translate-en hello'])
    expect(suggestTemplates('/translate-en hello', TEMPLATES, 5).map((r) => r.content)).toEqual(['/translate-en hello'])
  })

  it('offers nothing without text, or without room', () => {
    expect(suggestTemplates('', TEMPLATES, 5)).toEqual([])
    expect(suggestTemplates('/tr', TEMPLATES, 5)).toEqual([])
    expect(suggestTemplates('hello', TEMPLATES, 0)).toEqual([])
    expect(suggestTemplates('hello', TEMPLATES, 1)).toHaveLength(1)
  })
})

describe('parseTemplateCommand', () => {
  it('reads /<id> <text> for a known template, hidden ones included', () => {
    expect(parseTemplateCommand('/translate-en bonjour\nle monde ', TEMPLATES)).toEqual({ template: TEMPLATES[1], text: 'bonjour\nle monde' })
    expect(parseTemplateCommand('/secret x', TEMPLATES)?.template.id).toBe('secret')
  })

  it('leaves every other question alone', () => {
    for (const input of ['explain bonjour', '/unknown bonjour', '/explain', '/explain   ', 'a /explain b', '/Explain bonjour']) {
      expect(parseTemplateCommand(input, TEMPLATES), input).toBeUndefined()
    }
  })
})
