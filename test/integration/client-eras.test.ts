/**
 * The core client against the stand-in, per protocol era: first turn, follow-up under the right
 * parent, regenerate, continue after max_tokens, and New chat. The stand-in is strict: a wrong
 * parent, a reused user message id or a bad proof shows up as a violation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStandIn, type Era, type StandIn } from '../chatgpt-stand-in/index'
import { createTestClient, newThread, runTurn } from './client-harness'
import { resetThread } from '../../src/core/conversations/thread'

const ERAS: Era[] = ['2026', '2025', '2024', '2023']
const SEND_PATHS: Record<Era, string> = {
  '2026': '/backend-api/f/conversation',
  '2025': '/backend-api/f/conversation',
  '2024': '/backend-api/conversation',
  '2023': '/backend-api/conversation',
}

describe.each(ERAS)('era %s', (era) => {
  let standIn: StandIn
  beforeAll(async () => {
    standIn = await startStandIn({ era })
  })
  afterAll(async () => {
    await standIn.close()
  })

  it('holds a conversation: first turn, follow-up, regenerate, continue, new chat', async () => {
    const client = createTestClient(standIn)
    const sends = () => standIn.log.filter((e) => e.method === 'POST' && e.path === SEND_PATHS[era])

    standIn.queueAnswer({ text: 'First answer: 你好 👋🏽', title: 'Greeting' })
    const first = await runTurn(client, newThread(), 'next', 'hello')
    expect(first.outcome.kind).toBe('complete')
    expect(first.outcome.last.textSoFar).toBe('First answer: 你好 👋🏽')
    const conversationId = first.thread.conversationId
    expect(conversationId).toBeTruthy()
    expect(sends()[0]!.body).not.toHaveProperty('conversation_id')

    standIn.queueAnswer({ text: 'Second answer.' })
    const second = await runTurn(client, first.thread, 'next', 'and then?')
    expect(second.outcome.last.textSoFar).toBe('Second answer.')
    const secondBody = sends()[1]!.body as Record<string, unknown>
    expect(secondBody.conversation_id).toBe(conversationId)
    expect(secondBody.parent_message_id).toBe(first.outcome.last.messageId)

    standIn.queueAnswer({ text: 'Regenerated answer.', finishReason: 'max_tokens' })
    const regenerated = await runTurn(client, second.thread, 'variant')
    expect(regenerated.outcome.last.textSoFar).toBe('Regenerated answer.')
    expect(regenerated.outcome.last.finishReason).toBe('max_tokens')
    const variantBody = sends()[2]!.body as { action: string; parent_message_id: string }
    expect(variantBody.action).toBe('variant')
    expect(variantBody.parent_message_id).toBe(first.outcome.last.messageId)

    standIn.queueAnswer({ text: ' …and the rest.' })
    const continued = await runTurn(client, regenerated.thread, 'continue')
    expect(continued.outcome.kind).toBe('complete')
    const continueBody = sends()[3]!.body as Record<string, unknown>
    expect(continueBody.action).toBe('continue')
    expect(continueBody).not.toHaveProperty('messages')
    expect(continueBody.parent_message_id).toBe(regenerated.outcome.last.messageId)

    const fresh = await runTurn(client, resetThread(continued.thread), 'next', 'new topic')
    expect(fresh.outcome.kind).toBe('complete')
    expect(fresh.thread.conversationId).not.toBe(conversationId)
    expect(sends()[4]!.body).not.toHaveProperty('conversation_id')

    expect(standIn.violations()).toEqual([])
    expect(sends().every((e) => e.status === 200)).toBe(true)
  })

  it('asks for a temporary chat when the thread is temporary', async () => {
    const client = createTestClient(standIn)
    const turn = await runTurn(client, newThread(true), 'next', 'private question')
    expect(turn.outcome.kind).toBe('complete')
    const stored = standIn.conversations().find((c) => c.id === turn.thread.conversationId)
    expect(stored?.temporary).toBe(true)
    expect(standIn.violations()).toEqual([])
  })
})

describe('protocol profile discovery', () => {
  it('falls back from the newest profile to the one the server speaks, then remembers it', async () => {
    const standIn = await startStandIn({ era: '2023' })
    try {
      const client = createTestClient(standIn)
      await runTurn(client, newThread(), 'next', 'one')
      const probes = standIn.log.length
      await runTurn(client, newThread(), 'next', 'two')
      const secondRun = standIn.log.slice(probes)
      expect(secondRun.filter((e) => e.status === 404)).toEqual([])
      expect(secondRun.filter((e) => e.method === 'POST').map((e) => e.path)).toEqual(['/backend-api/conversation'])
    } finally {
      await standIn.close()
    }
  })
})
