import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { JobSnapshot } from '../../shared/messaging/protocol'
import { DEFAULT_SETTINGS } from '../../shared/settings'
import type { Menus, Tabs } from '../../shared/platform/browser'
import type { JobRunner } from '../job-runner'
import { createPortHub } from '../port-hub'
import { localArea, sessionArea } from '../storage-areas'
import { createThreadRepository } from '../thread-repository'
import { askAboutSelection, type SelectionClickDeps } from './ask-about-selection'
import { buildSelectionPrompt } from './build-prompt'
import { createClosedTabWatch } from './overlay-lifetime'
import { fakeBrowser, resetFakeBrowser } from './test-browser'
import { defaultTemplates, TEMPLATES_KEY } from './templates'

vi.mock('../../shared/platform/browser', async () => ({ default: (await import('./test-browser')).fakeBrowser }))

/** A runner that records jobs in the thread like the real one, and finishes them when told. */
function fakeRunner(threads: ReturnType<typeof createThreadRepository>) {
  const active = new Set<string>()
  const log: string[] = []
  let count = 0
  const runner = {
    async start(threadKey: string, action: string, prompt?: string) {
      const record = (await threads.load(threadKey))!
      count += 1
      const job = { jobId: `job-${count}`, threadKey, action, prompt: prompt ?? '', status: 'streaming', text: '', createdAt: 0, updatedAt: 0 } as JobSnapshot
      record.jobs.push(job)
      await threads.save(record)
      active.add(job.jobId)
      log.push(`start ${job.jobId}`)
      return job
    },
    stop(jobId: string) {
      log.push(`stop ${jobId}`)
      return active.delete(jobId)
    },
    isActive: (jobId: string) => active.has(jobId),
    finishAll: () => active.clear(),
  }
  return { runner, log, active }
}

const tab = (id: number): Tabs.Tab => ({ id, index: 2, title: 'Cell biology — Wiki', highlighted: true, active: true, pinned: false, incognito: false })
const click = (menuItemId: string, selectionText = 'The mitochondria is the powerhouse of the cell.'): Menus.OnClickData =>
  ({ menuItemId, selectionText, pageUrl: 'https://wiki.test/cell', editable: false, modifiers: [] }) as unknown as Menus.OnClickData

let deps: SelectionClickDeps
let runner: ReturnType<typeof fakeRunner>
let threads: ReturnType<typeof createThreadRepository>

beforeEach(() => {
  resetFakeBrowser()
  threads = createThreadRepository(localArea)
  runner = fakeRunner(threads)
  const sleep = () => new Promise<void>((resolve) => setTimeout(resolve, 2))
  const lifetime = { runner: runner.runner as unknown as JobRunner, threads, hub: createPortHub(), sleep }
  deps = {
    ...lifetime,
    settings: async () => DEFAULT_SETTINGS,
    session: sessionArea,
    closedTabs: createClosedTabWatch(lifetime),
    showOverlay: vi.fn(async () => true),
    openTab: vi.fn(async () => undefined),
  }
})
afterEach(() => runner.runner.finishAll())

const expectedPrompt = (templateText: string) =>
  buildSelectionPrompt(templateText, { selection: 'The mitochondria is the powerhouse of the cell.', url: 'https://wiki.test/cell', title: 'Cell biology — Wiki', language: 'American English' })

describe('askAboutSelection', () => {
  it('ignores clicks that are not its own, without a tab, or without a selection', async () => {
    await askAboutSelection(click('something-else'), tab(5), deps)
    await askAboutSelection(click('ask-selection'), undefined, deps)
    await askAboutSelection(click('ask-selection', '   '), tab(5), deps)
    await askAboutSelection(click('ask-selection'), { ...tab(5), id: -1 }, deps)
    expect(runner.log).toEqual([])
    expect(deps.showOverlay).not.toHaveBeenCalled()
  })

  it("asks the clicked template with the event's selection, address and title, in the tab's own thread", async () => {
    await askAboutSelection(click('ask-selection:summarize'), tab(5), deps)
    const record = (await threads.load('tab:5'))!
    expect(record.surface).toBe('selection')
    expect(record.state.temporary).toBe(true) // the selection privacy default
    expect(record.jobs.map((job) => job.prompt)).toEqual([expectedPrompt(defaultTemplates(() => '')[3]!.text)])
    expect(deps.showOverlay).toHaveBeenCalledWith(5, 'tab:5')
    expect(deps.openTab).not.toHaveBeenCalled()
  })

  it('uses the stored templates', async () => {
    await fakeBrowser.storage.local.set({ [TEMPLATES_KEY]: [{ id: 'mine', name: 'Mine', text: 'Q: {{selection}}', hidden: false }] })
    await askAboutSelection(click('ask-selection'), tab(5), deps)
    expect((await threads.load('tab:5'))!.jobs[0]!.prompt).toBe(expectedPrompt('Q: {{selection}}'))
  })

  it("shows the answer on the chat page where the overlay can't be mounted", async () => {
    deps.showOverlay = vi.fn(async () => false)
    await askAboutSelection(click('ask-selection'), tab(5), deps)
    expect(deps.openTab).toHaveBeenCalledWith('chrome-extension://extension-id/src/chat/index.html#tab:5', tab(5))
    expect(runner.log).toEqual(['start job-1'])
  })

  it("continues the tab's thread, but starts fresh for a tab id left from an earlier browser session", async () => {
    const old = await threads.open('tab:9', 'selection', true)
    old.state = { ...old.state, conversationId: 'old-conversation', parentMessageId: 'old-message' }
    old.jobs.push({ jobId: 'old-job', threadKey: 'tab:9', action: 'next', prompt: 'old', status: 'complete', text: 'old', createdAt: 0, updatedAt: 0 })
    await threads.save(old)

    await askAboutSelection(click('ask-selection'), tab(9), deps)
    let record = (await threads.load('tab:9'))!
    expect(record.state.conversationId).toBeUndefined()
    expect(record.jobs.map((job) => job.jobId)).toEqual(['job-1'])

    runner.runner.finishAll()
    record.state = { ...record.state, conversationId: 'new-conversation' }
    await askAboutSelection(click('ask-selection:polish'), tab(9), deps)
    record = (await threads.load('tab:9'))!
    expect(record.state.conversationId).toBe('new-conversation')
    expect(record.jobs.map((job) => job.jobId)).toEqual(['job-1', 'job-2'])
  })

  it('stops the answer still running in the tab before asking the next, one click at a time', async () => {
    await Promise.all([askAboutSelection(click('ask-selection'), tab(5), deps), askAboutSelection(click('ask-selection:polish'), tab(5), deps)])
    expect(runner.log).toEqual(['start job-1', 'stop job-1', 'start job-2'])
  })

  it('stops the answer when its tab closes, and stops listening once no answer runs', async () => {
    await askAboutSelection(click('ask-selection'), tab(5), deps)
    expect(fakeBrowser.tabs.onRemoved.listeners.size).toBe(1)
    fakeBrowser.tabs.onRemoved.fire(6)
    expect(runner.active.has('job-1')).toBe(true)
    fakeBrowser.tabs.onRemoved.fire(5)
    await vi.waitFor(() => expect(runner.log).toContain('stop job-1'))
    await vi.waitFor(() => expect(fakeBrowser.tabs.onRemoved.listeners.size).toBe(0))
  })
})
