/**
 * Test support: a real job runner (real threads, journal, hub, send queue) over in-memory storage,
 * with the client, the clock and the waits under the test's control. No browser needed.
 */
import type { AnswerOutcome, AnswerUpdate } from '../../../core/chatgpt/answer-update'
import type { AskInput, ChatGptClient } from '../../../core/chatgpt/chatgpt-client'
import type { RecoveredAnswer } from '../../../core/chatgpt/conversation-snapshot'
import type { BackgroundEvent, JobSnapshot } from '../../../shared/messaging/protocol'
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings'
import { createJobJournal } from '../../job-journal'
import { createJobRunner } from '../../job-runner'
import type { KeepAlive } from '../../keep-alive'
import { createPortHub } from '../../port-hub'
import type { KeyValueArea } from '../../storage-areas'
import { createThreadRepository } from '../../thread-repository'

export function memoryArea(): KeyValueArea & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>()
  return {
    data,
    get: async <T,>(key: string) => structuredClone(data.get(key)) as T | undefined,
    getAll: async (prefix: string) => Object.fromEntries([...data].filter(([key]) => key.startsWith(prefix)).map(([k, v]) => [k, structuredClone(v)])),
    set: async (key: string, value: unknown) => void data.set(key, structuredClone(value)),
    remove: async (key: string) => void data.delete(key),
  }
}

/** Counts holders like the real keep-alive, without a browser to ping. */
export function countingKeepAlive() {
  let holders = 0
  let peak = 0
  const keepAlive = {
    acquire() {
      holders += 1
      peak = Math.max(peak, holders)
      let released = false
      return () => {
        if (!released) holders -= 1
        released = true
      }
    },
    get active() {
      return holders > 0
    },
    get holders() {
      return holders
    },
    heartbeating: false,
    beats: 0,
  }
  return { keepAlive: keepAlive as unknown as KeepAlive, holders: () => holders, peak: () => peak }
}

/** The parts of the client the runner uses; `ask` and `readAnswer` are scripted per test. */
export interface ClientScript {
  ask?: (input: AskInput, call: number) => AsyncGenerator<AnswerUpdate, AnswerOutcome>
  readAnswer?: (conversationId: string, messageId?: string) => Promise<RecoveredAnswer | undefined>
}

/**
 * @param script the scripted client, or `{ client }` to drive a real one (integration tests)
 */
export function createRunnerFixture(script: ClientScript | { client: ChatGptClient } = {}, settings: Partial<Settings> = {}) {
  const asks: AskInput[] = []
  const reads: { conversationId: string; messageId?: string }[] = []
  const sleeps: number[] = []
  const events: BackgroundEvent[] = []
  let clock = 1_700_000_000_000
  let ids = 0
  const real = 'client' in script ? script.client : undefined
  const scripted = 'client' in script ? {} : script
  const client = {
    ask(input: AskInput) {
      asks.push(input)
      if (real) return real.ask(input)
      if (!scripted.ask) throw new Error('this test does not expect a send')
      return scripted.ask(input, asks.length)
    },
    async readAnswer(conversationId: string, messageId?: string) {
      reads.push({ conversationId, ...(messageId ? { messageId } : {}) })
      if (real) return real.readAnswer(conversationId, messageId)
      if (!scripted.readAnswer) throw new Error('no server copy in this test')
      return scripted.readAnswer(conversationId, messageId)
    },
  } as unknown as ChatGptClient
  const session = memoryArea()
  const local = memoryArea()
  const threads = createThreadRepository(local)
  const journal = createJobJournal(session, threads, () => clock)
  const hub = createPortHub()
  const alive = countingKeepAlive()
  const runner = createJobRunner({
    client,
    threads,
    journal,
    hub,
    keepAlive: alive.keepAlive,
    settings: async () => ({ ...DEFAULT_SETTINGS, ...settings }),
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    now: () => clock,
    async sleep(ms, signal) {
      sleeps.push(ms)
      if (signal.aborted) throw signal.reason
      clock += ms
    },
    hider: { hide: async () => undefined },
  })
  // A UI listening on every thread, so tests can read what the user would have seen.
  const port = {
    postMessage: (event: BackgroundEvent) => void events.push(event),
  } as unknown as Parameters<typeof hub.add>[0]
  hub.add(port)

  /** Waits until `jobId` reaches a final status (the runner works in the background). */
  async function settled(jobId: string): Promise<JobSnapshot> {
    for (let turn = 0; turn < 10_000; turn += 1) {
      const found = await threads.findJob(jobId)
      if (found && runner.isFinal(found.job.status) && !runner.isActive(jobId)) return found.job
      await new Promise((resolve) => setTimeout(resolve, 0))
    }
    throw new Error(`job ${jobId} never settled`)
  }

  async function openThread(threadKey: string) {
    hub.subscribe(port, threadKey)
    return threads.open(threadKey, 'popup', false)
  }

  return { runner, threads, journal, session, local, asks, reads, sleeps, events, alive, settled, openThread, advance: (ms: number) => (clock += ms) }
}

/** An answer stream from updates, ending the way the test says. */
export async function* streamOf(updates: AnswerUpdate[], end: AnswerOutcome['kind'] | Error = 'complete'): AsyncGenerator<AnswerUpdate, AnswerOutcome> {
  for (const update of updates) yield update
  if (end instanceof Error) throw end
  return { kind: end, last: updates.at(-1) ?? { textSoFar: '', appended: '', replaced: false } }
}

/** Updates that grow `text` in `pieces` appends, carrying the conversation and message ids. */
export function growing(text: string, pieces: number, ids: { conversationId: string; messageId: string }): AnswerUpdate[] {
  const size = Math.ceil(text.length / pieces)
  const updates: AnswerUpdate[] = []
  for (let at = 0; at < text.length; at += size) {
    const appended = text.slice(at, at + size)
    updates.push({ textSoFar: text.slice(0, at + size), appended, replaced: at === 0, ...ids })
  }
  return updates
}
