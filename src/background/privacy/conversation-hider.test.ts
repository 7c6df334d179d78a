import { describe, expect, it } from 'vitest'
import { ChatGptError } from '../../core/chatgpt/chatgpt-error'
import { memoryArea } from '../history/test-records'
import { createConversationHider, PENDING_DELETIONS_KEY, type PendingDeletion } from './conversation-hider'

const DAY = 24 * 60 * 60 * 1000

function setup(failing: Set<string>, now = { value: 1_000 }) {
  const area = memoryArea()
  const calls: string[] = []
  const hider = createConversationHider({
    area,
    now: () => now.value,
    async hideConversation(id) {
      calls.push(id)
      if (id.startsWith('gone')) throw new ChatGptError('conversation-not-found', 'gone')
      if (failing.has(id)) throw new ChatGptError('network', 'offline')
    },
  })
  const pending = () => (area.data.get(PENDING_DELETIONS_KEY) as PendingDeletion[] | undefined) ?? []
  return { hider, calls, pending, now }
}

describe('conversation hider', () => {
  it('hides at once when it can, leaving nothing pending', async () => {
    const { hider, calls, pending } = setup(new Set())
    await hider.hide('c1')
    expect(calls).toEqual(['c1'])
    expect(pending()).toEqual([])
  })

  it('remembers a failed deletion and retries it on the next start', async () => {
    const failing = new Set(['c1'])
    const { hider, calls, pending } = setup(failing)
    await hider.hide('c1')
    await hider.hide('c1') // a second failure does not duplicate the entry
    expect(pending().map((p) => p.conversationId)).toEqual(['c1'])
    await hider.retryPending()
    expect(pending()[0]?.attempts).toBe(2)
    failing.clear()
    await hider.retryPending()
    expect(pending()).toEqual([])
    expect(calls).toEqual(['c1', 'c1', 'c1', 'c1'])
  })

  it('retries earlier failures after a hide that worked', async () => {
    const failing = new Set(['c1'])
    const { hider, calls, pending } = setup(failing)
    await hider.hide('c1')
    failing.clear()
    await hider.hide('c2')
    expect(calls).toEqual(['c1', 'c2', 'c1'])
    expect(pending()).toEqual([])
  })

  it('counts a conversation that no longer exists as deleted', async () => {
    const { hider, pending } = setup(new Set())
    await hider.hide('gone-1')
    expect(pending()).toEqual([])
  })

  it('gives up after thirty days', async () => {
    const now = { value: 1_000 }
    const { hider, pending } = setup(new Set(['c1']), now)
    await hider.hide('c1')
    now.value += 31 * DAY
    await hider.retryPending()
    expect(pending()).toEqual([])
  })
})
