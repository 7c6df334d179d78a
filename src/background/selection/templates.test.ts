import { describe, expect, it } from 'vitest'
import en from '../../../public/_locales/en/messages.json'
import zh from '../../../public/_locales/zh_CN/messages.json'
import { defaultTemplates, fallbackTemplate, MAX_TEMPLATES, newTemplateId, readTemplateList, type SelectionTemplate } from './templates'

const lookupIn = (table: Record<string, { message: string }>) => (key: string) => table[key]?.message ?? ''
const none = () => ''

describe('defaultTemplates', () => {
  it('ships the six defaults, each quoting the selection', () => {
    const list = defaultTemplates(none)
    expect(list.map((t) => t.name)).toEqual(['Explain', 'Translate to English', '翻译成中文', 'Summarize', 'Polish writing', 'Explain code'])
    for (const t of list) {
      expect(t.text).toContain('{{selection}}')
      expect(t.hidden).toBe(false)
    }
  })

  it('names them in the browser language', () => {
    expect(defaultTemplates(lookupIn(en)).map((t) => t.name)).toEqual(defaultTemplates(none).map((t) => t.name))
    expect(defaultTemplates(lookupIn(zh))[0]!.name).toBe('解释')
  })

  it('falls back to Explain for the bare menu item', () => {
    expect(fallbackTemplate(none).id).toBe('explain')
  })
})

describe('readTemplateList', () => {
  const valid: SelectionTemplate = { id: 'mine', name: 'Mine', text: 'Do {{selection}}', hidden: true }

  it('gives the defaults when nothing was saved', () => {
    expect(readTemplateList(undefined, none)).toEqual(defaultTemplates(none))
    expect(readTemplateList({ not: 'a list' }, none)).toEqual(defaultTemplates(none))
  })

  it('keeps a saved list as it is, including an empty one', () => {
    expect(readTemplateList([valid], none)).toEqual([valid])
    expect(readTemplateList([], none)).toEqual([])
  })

  it('drops entries it cannot use and repeated ids', () => {
    const list = readTemplateList(
      [valid, { ...valid, name: 'Dup' }, { id: 'bad id!', name: 'x', text: 'y' }, { id: 'blank', name: '  ', text: 'y' }, { id: 'empty', name: 'E', text: ' ' }, null, 'x', { id: 'ok', name: ' Trim me ', text: 't', hidden: 'yes' }],
      none,
    )
    expect(list).toEqual([valid, { id: 'ok', name: 'Trim me', text: 't', hidden: false }])
  })

  it('bounds the list and each field', () => {
    const many = Array.from({ length: MAX_TEMPLATES + 5 }, (_, i) => ({ id: `t${i}`, name: 'n'.repeat(500), text: 'x'.repeat(10_000) }))
    const list = readTemplateList(many, none)
    expect(list).toHaveLength(MAX_TEMPLATES)
    expect(list[0]!.name.length).toBeLessThanOrEqual(80)
    expect(list[0]!.text.length).toBeLessThanOrEqual(4_000)
  })
})

describe('newTemplateId', () => {
  it('is not taken by any existing template', () => {
    const existing = [{ ...defaultTemplates(none)[0]!, id: 'custom-2' }, { ...defaultTemplates(none)[1]!, id: 'custom-3' }]
    expect(newTemplateId(existing)).toBe('custom-4')
    expect(newTemplateId([])).toBe('custom-1')
  })
})
