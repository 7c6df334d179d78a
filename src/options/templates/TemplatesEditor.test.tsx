// @vitest-environment happy-dom
import { act, cleanup, fireEvent, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defaultTemplates, type SelectionTemplate } from '../../background/selection/templates'
import { renderUi } from '../../ui/test-i18n'
import { TemplatesEditor } from './TemplatesEditor'
import { TemplatesSection } from './TemplatesSection'
import type { TemplateStore } from './template-store'

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

const defaults = defaultTemplates(() => '')

function editor(templates: SelectionTemplate[] = defaults) {
  const onChange = vi.fn<(list: SelectionTemplate[]) => void>()
  const onRestoreDefaults = vi.fn()
  const screen = renderUi(<TemplatesEditor templates={templates} onChange={onChange} onRestoreDefaults={onRestoreDefaults} />)
  const row = (i: number) => screen.getAllByTestId('template')[i]!
  const inRow = (i: number, testId: string) => row(i).querySelector(`[data-testid=${testId}]`) as HTMLInputElement
  const last = () => onChange.mock.calls.at(-1)![0]
  return { screen, onChange, onRestoreDefaults, inRow, last }
}

describe('TemplatesEditor', () => {
  it('renames and edits a template', () => {
    const { inRow, last } = editor()
    fireEvent.input(inRow(0, 'template-name'), { target: { value: 'Define' } })
    expect(last()[0]).toEqual({ ...defaults[0], name: 'Define' })
    fireEvent.input(inRow(1, 'template-text'), { target: { value: 'New {{selection}}' } })
    expect(last()[1]!.text).toBe('New {{selection}}')
    expect(last()[0]!.name).toBe(defaults[0]!.name) // each edit is against the list it was given
  })

  it('hides a template from the menu', () => {
    const { inRow, last } = editor()
    fireEvent.click(inRow(3, 'template-hidden'))
    expect(last()[3]).toEqual({ ...defaults[3], hidden: true })
  })

  it('reorders, and cannot move past either end', () => {
    const { inRow, last } = editor()
    fireEvent.click(inRow(2, 'template-up'))
    expect(last().map((t) => t.id)).toEqual(['explain', 'translate-zh', 'translate-en', 'summarize', 'polish', 'explain-code'])
    fireEvent.click(inRow(0, 'template-down'))
    expect(last().map((t) => t.id)).toEqual(['translate-en', 'explain', 'translate-zh', 'summarize', 'polish', 'explain-code'])
    expect(inRow(0, 'template-up').disabled).toBe(true)
    expect(inRow(5, 'template-down').disabled).toBe(true)
  })

  it('deletes and adds templates', () => {
    const { screen, inRow, last, onRestoreDefaults } = editor()
    fireEvent.click(inRow(1, 'template-delete'))
    expect(last().map((t) => t.id)).not.toContain('translate-en')
    fireEvent.click(screen.getByTestId('template-add'))
    expect(last().at(-1)).toEqual({ id: 'custom-7', name: 'New template', text: '{{selection}}', hidden: false })
    fireEvent.click(screen.getByTestId('templates-restore'))
    expect(onRestoreDefaults).toHaveBeenCalledTimes(1)
  })

  it('says where the selection goes when a prompt has no {{selection}}', () => {
    const { screen } = editor([{ id: 'a', name: 'A', text: 'Summarize', hidden: false }, defaults[0]!])
    expect(screen.getAllByText(/No \{\{selection\}\} here/)).toHaveLength(1)
  })
})

describe('TemplatesSection', () => {
  function fakeStore(initial: SelectionTemplate[] = defaults) {
    const saved: SelectionTemplate[][] = []
    const store: TemplateStore = { load: async () => initial, save: async (list) => void saved.push([...list]), defaults: () => defaults }
    return { store, saved }
  }

  it('saves typing after a pause, and structural changes at once', async () => {
    const { store, saved } = fakeStore()
    const screen = renderUi(<TemplatesSection store={store} />)
    await waitFor(() => expect(screen.getAllByTestId('template')).toHaveLength(6))
    vi.useFakeTimers()
    const name = screen.getAllByTestId('template-name')[0]!
    fireEvent.input(name, { target: { value: 'Def' } })
    fireEvent.input(name, { target: { value: 'Define' } })
    expect(saved).toHaveLength(0)
    await act(() => {
      vi.advanceTimersByTime(500)
    })
    expect(saved).toHaveLength(1)
    expect(saved[0]![0]!.name).toBe('Define')
    fireEvent.click(screen.getAllByTestId('template-hidden')[1]!)
    expect(saved).toHaveLength(2)
    expect(saved[1]![1]!.hidden).toBe(true)
  })

  it('saves pending typing when the page goes away', async () => {
    const { store, saved } = fakeStore()
    const screen = renderUi(<TemplatesSection store={store} />)
    await waitFor(() => expect(screen.getAllByTestId('template')).toHaveLength(6))
    fireEvent.input(screen.getAllByTestId('template-text')[0]!, { target: { value: 'Quick {{selection}}' } })
    dispatchEvent(new Event('pagehide'))
    expect(saved.at(-1)![0]!.text).toBe('Quick {{selection}}')
  })

  it('restores the defaults', async () => {
    const { store, saved } = fakeStore([{ id: 'a', name: 'Mine', text: '{{selection}}', hidden: false }])
    const screen = renderUi(<TemplatesSection store={store} />)
    await waitFor(() => expect(screen.getAllByTestId('template')).toHaveLength(1))
    fireEvent.click(screen.getByTestId('templates-restore'))
    expect(saved.at(-1)).toEqual(defaults)
    expect(screen.getAllByTestId('template')).toHaveLength(6)
  })
})
