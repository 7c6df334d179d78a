import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createContextMenus, onTemplatesChanged } from './context-menu'
import { fakeBrowser, resetFakeBrowser } from './selection/test-browser'
import { TEMPLATES_KEY } from './selection/templates'

vi.mock('../shared/platform/browser', async () => ({ default: (await import('./selection/test-browser')).fakeBrowser }))

const DEFAULT_ITEMS = ['explain', 'translate-en', 'translate-zh', 'summarize', 'polish', 'explain-code'].map((id) => `ask-selection:${id}`)

describe('the selection menu', () => {
  beforeEach(resetFakeBrowser)

  it('is the root item with one child per visible template, in order', async () => {
    await createContextMenus()
    expect(fakeBrowser.contextMenus.calls).toEqual(['removeAll', 'ask-selection', ...DEFAULT_ITEMS])
    expect(fakeBrowser.contextMenus.create.mock.calls[0]![0]).toEqual({ id: 'ask-selection', title: 'Ask ChatGPT about “%s”', contexts: ['selection'] })
    expect(fakeBrowser.contextMenus.create.mock.calls[1]![0]).toMatchObject({ parentId: 'ask-selection', title: 'Explain' })
  })

  it('rebuilds one build at a time, so no id is created twice', async () => {
    await Promise.all([createContextMenus(), createContextMenus()])
    expect(fakeBrowser.contextMenus.calls).toEqual(['removeAll', 'ask-selection', ...DEFAULT_ITEMS, 'removeAll', 'ask-selection', ...DEFAULT_ITEMS])
  })

  it('rebuilds when the stored templates change, and only then', async () => {
    await fakeBrowser.storage.local.set({ [TEMPLATES_KEY]: [{ id: 'mine', name: 'Mine', text: '{{selection}}', hidden: false }, { id: 'gone', name: 'Gone', text: 'x', hidden: true }] })
    onTemplatesChanged({ 'settings:v1': { newValue: {} } }, 'local')
    onTemplatesChanged({ [TEMPLATES_KEY]: { newValue: [] } }, 'session')
    expect(fakeBrowser.contextMenus.calls).toEqual([])
    onTemplatesChanged({ [TEMPLATES_KEY]: { newValue: [] } }, 'local')
    await vi.waitFor(() => expect(fakeBrowser.contextMenus.calls).toEqual(['removeAll', 'ask-selection', 'ask-selection:mine']))
  })
})
