import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings'
import { testT } from '../../ui/test-i18n'
import { createThreadRepository } from '../thread-repository'
import { createHistory } from './history-service'
import { HISTORY_SCHEMA_KEY, HISTORY_SCHEMA_VERSION } from './history-schema'
import { memoryArea, record } from './test-records'

const DAY = 24 * 60 * 60 * 1000
const NOW = 2_000 * DAY

function setup(initial: Record<string, unknown> = {}, settings: Partial<Settings> = {}, active: string[] = []) {
  const area = memoryArea(initial)
  const threads = createThreadRepository(area)
  const stopped: string[] = []
  let ids = 0
  const history = createHistory({
    threads,
    area,
    settings: async () => ({ ...DEFAULT_SETTINGS, ...settings }),
    jobs: { isActive: (jobId) => active.includes(jobId), stop: (jobId) => (stopped.push(jobId), true) },
    now: () => NOW,
    newId: () => `id${++ids}`,
    t: testT,
  })
  return { area, threads, history, stopped }
}

const stored = (...records: ReturnType<typeof record>[]) => Object.fromEntries(records.map((r) => [`thread:${r.state.threadKey}`, r]))

describe('history service', () => {
  it('lists threads with questions, newest first, and searches their answers', async () => {
    const { history } = setup(
      stored(
        record('old', [{ prompt: 'tides?', text: 'The Moon pulls the sea.', at: NOW - 2 * DAY }]),
        record('new', [{ prompt: 'sums', text: '4', at: NOW - DAY }], { title: 'Small sums' }),
        record('empty', []),
      ),
    )
    expect((await history.list()).map((e) => e.threadKey)).toEqual(['new', 'old'])
    const found = await history.list('moon')
    expect(found.map((e) => [e.threadKey, e.snippet])).toEqual([['old', 'The Moon pulls the sea.']])
  })

  it('migrates schema-1 records: privacy from the thread or the surface setting, once', async () => {
    const { history, area } = setup(
      stored(
        record('temp', [{ prompt: 'a', text: 'b', at: NOW }], { temporary: true }),
        record('sel', [{ prompt: 'a', text: 'b', at: NOW }], { surface: 'selection' }),
        record('pop', [{ prompt: 'a', text: 'b', at: NOW }]),
      ),
      { privacy: { ...DEFAULT_SETTINGS.privacy, selection: 'delete-after', popup: 'temporary' } },
    )
    const byKey = Object.fromEntries((await history.list()).map((e) => [e.threadKey, e.privacy]))
    // A popup thread that is not temporary was kept, whatever the popup's setting is today.
    expect(byKey).toEqual({ temp: 'temporary', sel: 'delete-after', pop: 'keep' })
    expect(await area.get(HISTORY_SCHEMA_KEY)).toBe(HISTORY_SCHEMA_VERSION)
    expect((area.data.get('thread:sel') as { privacy?: string }).privacy).toBe('delete-after')
  })

  it('leaves records of a newer schema alone', async () => {
    const { history, area } = setup({ ...stored(record('x', [{ prompt: 'a', text: 'b', at: NOW }])), [HISTORY_SCHEMA_KEY]: 99 })
    await history.ready()
    expect(area.data.get(HISTORY_SCHEMA_KEY)).toBe(99)
    expect(area.data.get('thread:x')).not.toHaveProperty('privacy')
  })

  it('deletes one (stopping its answer) and all', async () => {
    const { history, area, stopped } = setup(
      stored(record('a', [{ prompt: 'q', text: 't', at: NOW }]), record('b', [{ prompt: 'q', text: 't', at: NOW }])),
    )
    await history.remove('a')
    expect(stopped).toEqual(['a-job-0'])
    expect(area.data.has('thread:a')).toBe(false)
    expect(await history.removeAll()).toEqual(['b'])
    expect(await history.list()).toEqual([])
  })

  it('does not let a job finishing on a deleted thread write it back', async () => {
    const { history, threads, area } = setup(stored(record('a', [{ prompt: 'q', text: 't', at: NOW }])))
    const live = await threads.load('a')
    await history.remove('a')
    await threads.save(live!)
    expect(area.data.has('thread:a')).toBe(false)
  })

  it('exports one thread and everything as Markdown', async () => {
    const { history } = setup(stored(record('a', [{ prompt: 'q?', text: 'answer', at: NOW }], { title: 'Title here' })))
    const one = await history.exportThread('a')
    expect(one?.filename).toBe('Title-here.md')
    expect(one?.markdown).toContain('# Title here\n')
    expect(one?.markdown).toContain('## ChatGPT\n\nanswer\n')
    expect(await history.exportThread('missing')).toBeUndefined()
    const all = await history.exportAll()
    expect(all.filename).toBe(`ask-anywhere-history-${new Date(NOW).toISOString().slice(0, 10)}.md`)
    expect(all.markdown).toBe(one?.markdown)
  })

  it('prunes by age and count, sparing a streaming thread', async () => {
    const { history } = setup(
      stored(
        record('new', [{ prompt: 'q', text: 't', at: NOW - DAY }]),
        record('mid', [{ prompt: 'q', text: 't', at: NOW - 2 * DAY }]),
        record('stale', [{ prompt: 'q', text: 't', at: NOW - 40 * DAY }]),
        record('busy', [{ prompt: 'q', text: 't', at: NOW - 400 * DAY }]),
      ),
      { history: { maxThreads: 2, maxAgeDays: 30 } },
      ['busy-job-0'],
    )
    expect((await history.prune()).sort()).toEqual(['stale'])
    expect((await history.list()).map((e) => e.threadKey)).toEqual(['new', 'mid', 'busy'])
  })

  it('New chat files the conversation under its own key and starts the surface over', async () => {
    const { history, threads } = setup(stored(record('popup', [{ prompt: 'q', text: 't', at: NOW }], { conversationId: 'c1' })))
    const old = await threads.load('popup')
    old!.state.model = 'gpt-5'
    const fresh = await history.startOver(old!, 'temporary')
    expect(fresh.state).toEqual({ threadKey: 'popup', temporary: true, model: 'gpt-5' })
    expect(fresh.privacy).toBe('temporary')
    expect(fresh.jobs).toEqual([])
    // The old object (which a streaming job may still hold) now lives under the archive key.
    expect(old!.state.threadKey).toBe('h-id1')
    expect(old!.jobs[0]!.threadKey).toBe('h-id1')
    expect((await history.list()).map((e) => [e.threadKey, e.conversationId])).toEqual([['h-id1', 'c1']])
  })

  it('New chat on an empty thread just resets it', async () => {
    const { history, threads } = setup(stored(record('popup', [], { conversationId: 'c1' })))
    const same = await threads.load('popup')
    const fresh = await history.startOver(same!, 'keep')
    expect(fresh).toBe(same)
    expect(fresh.state.conversationId).toBeUndefined()
    expect(fresh.privacy).toBe('keep')
  })
})
