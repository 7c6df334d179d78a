import { describe, expect, it, vi } from 'vitest'
import type { ChatGptClient } from '../core/chatgpt/chatgpt-client'
import { UI_PORT_NAME, type BackgroundEvent, type JobSnapshot, type UiRequest } from '../shared/messaging/protocol'
import type { Runtime } from '../shared/platform/browser'
import { DEFAULT_SETTINGS } from '../shared/settings'
import { testT } from '../ui/test-i18n'
import { createHistory } from './history/history-service'
import { memoryArea, record } from './history/test-records'
import type { JobRunner } from './job-runner'
import { createPortHub } from './port-hub'
import { EXTENSION_ORIGIN } from './selection/test-browser'
import { createThreadRepository } from './thread-repository'
import { handleUiPort } from './ui-port'

vi.mock('../shared/platform/browser', async () => ({ default: (await import('./selection/test-browser')).fakeBrowser }))

type Listener = (message: unknown) => void

/** A popup's port: what it posted to the worker is fed in with `send`, what it got back is in `received`. */
function popupPort() {
  const listeners: Listener[] = []
  const received: BackgroundEvent[] = []
  const port = {
    name: UI_PORT_NAME,
    sender: { id: 'extension-id', url: `${EXTENSION_ORIGIN}src/popup/index.html` },
    onMessage: { addListener: (listener: Listener) => void listeners.push(listener) },
    onDisconnect: { addListener: () => undefined },
    postMessage: (event: BackgroundEvent) => void received.push(event),
    disconnect: () => undefined,
  }
  return { port: port as unknown as Runtime.Port, received, send: (request: UiRequest) => listeners.forEach((listener) => listener(request)) }
}

function setup() {
  const area = memoryArea({ 'thread:popup': record('popup', [{ prompt: 'old question', text: 'old answer', at: 1 }]) })
  const threads = createThreadRepository(area)
  const settings = async () => DEFAULT_SETTINGS
  let ids = 0
  const newId = () => `id${++ids}`
  const history = createHistory({ threads, area, settings, jobs: { isActive: () => false, stop: () => false }, now: () => 2, newId, t: testT })
  const hub = createPortHub()
  let hold: Promise<void> = Promise.resolve()
  // Records a job the way the real runner does: load the thread, read the settings, then add it.
  const runner = {
    async start(threadKey: string, action: JobSnapshot['action'], prompt?: string): Promise<JobSnapshot> {
      const thread = await threads.load(threadKey)
      if (!thread) throw new Error(`unknown thread ${threadKey}`)
      await settings()
      await hold
      const job: JobSnapshot = { jobId: newId(), threadKey, action, prompt: prompt ?? '', status: 'requesting', text: '', createdAt: 3, updatedAt: 3 }
      thread.jobs.push(job)
      await threads.save(thread)
      return job
    },
    isActive: () => false,
  }
  const client = { getModels: async () => ({ models: [{ slug: 'auto', title: 'Auto' }] }) }
  const deps = {
    client: client as unknown as ChatGptClient,
    runner: runner as unknown as JobRunner,
    threads,
    hub,
    settings,
    history,
    connectionCheck: { client: client as unknown as ChatGptClient, newId, model: async () => 'auto' },
  }
  return { area, threads, deps, holdRunner: (until: Promise<void>) => void (hold = until) }
}

const prompts = (value: unknown) => (value as { jobs: JobSnapshot[] }).jobs.map((job) => job.prompt)

describe('UI port', () => {
  it('asks in the new chat when the question follows New chat at once', async () => {
    const { area, deps } = setup()
    const { port, send } = popupPort()
    handleUiPort(port, deps)
    send({ type: 'newChat', threadKey: 'popup' })
    send({ type: 'ask', threadKey: 'popup', prompt: 'new question' })
    await vi.waitFor(() => expect(prompts(area.data.get('thread:popup'))).toEqual(['new question']))
    const archived = [...area.data].filter(([key]) => key.startsWith('thread:h-')).map(([, value]) => prompts(value))
    expect(archived).toEqual([['old question']])
  })

  it('does not hold other requests behind a thread request that is still running', async () => {
    const { area, deps, holdRunner } = setup()
    const { port, send, received } = popupPort()
    const threadEvents = () => received.flatMap((event) => (event.type === 'thread' ? [event.thread] : []))
    handleUiPort(port, deps)
    send({ type: 'openThread', threadKey: 'popup', surface: 'popup' })
    await vi.waitFor(() => expect(threadEvents()).toHaveLength(1))
    let release = () => undefined as void
    holdRunner(new Promise((resolve) => (release = resolve)))
    send({ type: 'ask', threadKey: 'popup', prompt: 'slow to record' })
    send({ type: 'newChat', threadKey: 'popup' })
    send({ type: 'getModels' })
    await vi.waitFor(() => expect(received.map((event) => event.type)).toContain('models'))
    // New chat waits for the question before it, so that question stays with the old conversation.
    expect(threadEvents()).toHaveLength(1)
    release()
    await vi.waitFor(() => expect(threadEvents()).toHaveLength(2))
    expect(threadEvents()[1]!.jobs).toEqual([])
    const archived = [...area.data].filter(([key]) => key.startsWith('thread:h-')).map(([, value]) => prompts(value))
    expect(archived).toEqual([['old question', 'slow to record']])
  })
})
