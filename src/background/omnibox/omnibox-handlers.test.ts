import { describe, expect, it, vi } from 'vitest'
import { createThread } from '../../core/conversations/thread'
import type { ThreadRecord } from '../thread-repository'
import { createOmniboxHandlers, type OmniboxDeps } from './omnibox-handlers'
import type { OmniboxSuggestion } from './omnibox-suggestions'

const MESSAGES: Record<string, string> = { omniboxDefault: 'Ask ChatGPT: %s', omniboxAskedBefore: '— asked before' }

function stored(prompt: string, at: number): ThreadRecord {
  const threadKey = `omnibox:${at}`
  return {
    state: createThread(threadKey, false),
    surface: 'omnibox',
    jobs: [{ jobId: `j${at}`, threadKey, action: 'next', prompt, status: 'complete', text: '', createdAt: at, updatedAt: at }],
    plans: {},
  }
}

function setup(records: ThreadRecord[] = [], overrides: Partial<OmniboxDeps> = {}) {
  const deps = {
    loadThreads: vi.fn(async () => records),
    startQuestion: vi.fn(async () => 'omnibox:new-id'),
    openPath: vi.fn(async () => undefined),
    setDefaultSuggestion: vi.fn(async () => undefined),
    translate: (key: string) => MESSAGES[key] ?? key,
    ...overrides,
  }
  return { deps, handlers: createOmniboxHandlers(deps) }
}

const suggestFor = (handlers: ReturnType<typeof setup>['handlers'], text: string) =>
  new Promise<OmniboxSuggestion[]>((resolve) => void handlers.inputChanged(text, resolve))

describe('omnibox handlers', () => {
  it('reads history once per typing session and sends nothing while typing', async () => {
    const { deps, handlers } = setup([stored('what is the capital of France?', 1)])
    handlers.inputStarted()
    const typed = 'what is the capital '
    const rows: OmniboxSuggestion[][] = []
    for (let i = 1; i <= typed.length; i += 1) rows.push(await suggestFor(handlers, typed.slice(0, i)))
    expect(rows).toHaveLength(20)
    expect(rows.every((r) => r.length === 1)).toBe(true)
    expect(deps.loadThreads).toHaveBeenCalledTimes(1)
    expect(deps.startQuestion).not.toHaveBeenCalled()
    expect(deps.openPath).not.toHaveBeenCalled()
    expect(deps.setDefaultSuggestion).toHaveBeenCalledWith('Ask ChatGPT: <match>%s</match>')
  })

  it('loads history on the first keystroke when the worker woke mid-session', async () => {
    const { deps, handlers } = setup([stored('hello there', 1)])
    expect((await suggestFor(handlers, 'hel')).map((r) => r.content)).toEqual(['hello there'])
    expect(deps.loadThreads).toHaveBeenCalledTimes(1)
  })

  it('suggests nothing, rather than failing, when history cannot be read', async () => {
    const { handlers } = setup([], { loadThreads: vi.fn(async () => Promise.reject(new Error('storage'))) })
    expect(await suggestFor(handlers, 'x')).toEqual([])
  })

  it('re-reads history in the next session, so a question just asked is offered', async () => {
    const records = [stored('first', 1)]
    const { deps, handlers } = setup(records)
    handlers.inputStarted()
    await suggestFor(handlers, '')
    await handlers.inputEntered('second', 'currentTab')
    records.push(stored('second', 2))
    handlers.inputStarted()
    expect((await suggestFor(handlers, '')).map((r) => r.content)).toEqual(['second', 'first'])
    expect(deps.loadThreads).toHaveBeenCalledTimes(2)
  })

  it.each(['currentTab', 'newForegroundTab', 'newBackgroundTab'] as const)('Enter (%s) starts the job in the worker, then opens its thread', async (disposition) => {
    const { deps, handlers } = setup()
    await handlers.inputEntered('  what is 2+2  ', disposition)
    expect(deps.startQuestion).toHaveBeenCalledWith('what is 2+2')
    expect(deps.openPath).toHaveBeenCalledWith('src/chat/index.html#omnibox%3Anew-id', disposition)
    expect(vi.mocked(deps.startQuestion).mock.invocationCallOrder[0]).toBeLessThan(vi.mocked(deps.openPath).mock.invocationCallOrder[0]!)
  })

  it('opens an empty chat page for an empty question', async () => {
    const { deps, handlers } = setup()
    await handlers.inputEntered('   ', 'newForegroundTab')
    expect(deps.startQuestion).not.toHaveBeenCalled()
    expect(deps.openPath).toHaveBeenCalledWith('src/chat/index.html', 'newForegroundTab')
  })

  it('lets the page ask when the job could not be started', async () => {
    const { deps, handlers } = setup([], { startQuestion: vi.fn(async () => Promise.reject(new Error('quota'))) })
    await handlers.inputEntered('a & b', 'currentTab')
    expect(deps.openPath).toHaveBeenCalledWith('src/chat/index.html?q=a+%26+b', 'currentTab')
  })
})
