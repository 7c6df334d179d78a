import { describe, expect, it } from 'vitest'
import type { JobSnapshot } from '../../shared/messaging/protocol'
import type { JournalEntry } from '../job-journal'
import { recoverJobs, SESSION_MARK } from './leftover-jobs'
import { memoryArea } from './testing/runner-fixture'

const job = (jobId: string, status: JobSnapshot['status']): JobSnapshot => ({ jobId, threadKey: 't', action: 'next', prompt: 'q', status, text: '', createdAt: 1, updatedAt: 1 })

function setup(journalled: JournalEntry[] = []) {
  const session = memoryArea()
  const local = memoryArea()
  const calls: string[] = []
  void local.set('thread:t', { state: { threadKey: 't', temporary: false }, surface: 'popup', plans: {}, jobs: [job('done', 'complete'), job('mid', 'streaming'), job('wait', 'queued')] })
  const deps = {
    session,
    local,
    journal: { leftovers: async () => journalled },
    runner: {
      recoverOrphan: async (_t: string, j: JobSnapshot) => void calls.push(`recover ${j.jobId}`),
      closeLost: async (_t: string, jobId: string) => void calls.push(`close ${jobId}`),
    },
    now: () => 42,
  }
  return { deps, calls, session }
}

describe('recoverJobs', () => {
  it('in a new browser session: flags every unfinished job, once', async () => {
    const { deps, calls, session } = setup()
    await recoverJobs(deps)
    expect(calls.sort()).toEqual(['close mid', 'close wait'])
    expect(await session.get(SESSION_MARK)).toBe(42)
    calls.length = 0
    await recoverJobs(deps)
    expect(calls).toEqual([])
  })

  it('after a worker restart in the same session: recovers what the journal lists, nothing else', async () => {
    const { deps, calls, session } = setup([{ threadKey: 't', job: job('mid', 'streaming') }])
    await session.set(SESSION_MARK, 1)
    await recoverJobs(deps)
    expect(calls).toEqual(['recover mid'])
  })
})
