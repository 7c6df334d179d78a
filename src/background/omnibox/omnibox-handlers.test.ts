import { describe, expect, it, vi } from 'vitest'
import { createThread } from '../../core/conversations/thread'
import type { ThreadRecord } from '../thread-repository'
import { createOmniboxHandlers, type OmniboxDeps, type OmniboxTemplate } from './omnibox-handlers'
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

const TEMPLATES: OmniboxTemplate[] = [
  { id: 'explain', name: 'Explain', hidden: false, text: 'Explain: {{selection}}' },
  { id: 'translate-en', name: 'Translate to English', hidden: false, text: 'To English: {{selection}}' },
]

function setup(records: ThreadRecord[] = [], overrides: Partial<OmniboxDeps> = {}, templates: OmniboxTemplate[] = []) {
  const deps = {
    loadThreads: vi.fn(async () => records),
    loadTemplates: vi.fn(async () => templates),
    templatePrompt: (template: OmniboxTemplate, text: string) => template.text.replace('{{selection}}', `[${text}]`),
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
    expect(deps.loadTemplates).toHaveBeenCalledTimes(1)
    expect(deps.startQuestion).not.toHaveBeenCalled()
    expect(deps.openPath).not.toHaveBeenCalled()
    expect(deps.setDefaultSuggestion).toHaveBeenCalledWith('Ask ChatGPT: <match>%s</match>')
  })

  it('offers templates for the typed text after at most three earlier questions', async () => {
    const asked = ['what a day', 'what now', 'what else', 'what then'].map((q, i) => stored(q, 10 - i))
    const { handlers } = setup(asked, {}, TEMPLATES)
    handlers.inputStarted()
    expect((await suggestFor(handlers, 'what')).map((r) => r.content)).toEqual(['what a day', 'what now', 'what else', '/explain what', '/translate-en what'])
    expect((await suggestFor(handlers, 'zzz')).map((r) => r.content)).toEqual(['/explain zzz', '/translate-en zzz'])
    const noTemplates = setup(asked).handlers
    expect(await suggestFor(noTemplates, 'what')).toHaveLength(4)
  })

  it('Enter on /<template> <text> asks the template with the text; anything else is asked as typed', async () => {
    const { deps, handlers } = setup([], {}, TEMPLATES)
    await handlers.inputEntered('/translate-en bonjour', 'currentTab')
    await handlers.inputEntered('/nope bonjour', 'currentTab')
    await handlers.inputEntered('explain bonjour', 'currentTab')
    expect(vi.mocked(deps.startQuestion).mock.calls.map(([q]) => q)).toEqual(['To English: [bonjour]', '/nope bonjour', 'explain bonjour'])
    const broken = setup([], { loadTemplates: vi.fn(async () => Promise.reject(new Error('storage'))) })
    await broken.handlers.inputEntered('/explain x', 'currentTab')
    expect(broken.deps.startQuestion).toHaveBeenCalledWith('/explain x')
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
