/**
 * Drives the pure core client against the stand-in from Node, the way the worker does: a thread,
 * a planned turn, the decoded stream, the recorded outcome.
 */
import { createChatGptClient, type ChatGptClient } from '../../src/core/chatgpt/chatgpt-client'
import type { AnswerOutcome, AnswerUpdate } from '../../src/core/chatgpt/answer-update'
import type { TurnAction } from '../../src/core/chatgpt/conversation-request'
import { createThread, planTurn, recordTurn, type ThreadState } from '../../src/core/conversations/thread'
import type { SentinelEnvironment } from '../../src/core/chatgpt/sentinel/environment'
import { createBrowserLikeFetch, type StandIn } from '../chatgpt-stand-in/index'
import { nodeSentinelEnvironment } from './node-environment'

export interface Turn {
  updates: AnswerUpdate[]
  outcome: AnswerOutcome
  thread: ThreadState
}

export function createTestClient(standIn: StandIn, options: { loggedIn?: boolean; environment?: () => SentinelEnvironment } = {}) {
  let deviceId: string | undefined
  let counter = 0
  return createChatGptClient({
    fetch: createBrowserLikeFetch(standIn, options.loggedIn === false ? {} : { cookies: { [standIn.loginCookie.name]: standIn.loginCookie.value } }),
    now: () => Date.now(),
    random: Math.random,
    newId: () => crypto.randomUUID(),
    environment: options.environment ?? nodeSentinelEnvironment,
    deviceId: async () => (deviceId ??= `device-${++counter}-${crypto.randomUUID()}`),
    language: 'en-US',
    timezone: () => ({ offsetMin: new Date().getTimezoneOffset(), name: Intl.DateTimeFormat().resolvedOptions().timeZone }),
  })
}

export async function runTurn(
  client: ChatGptClient,
  thread: ThreadState,
  action: TurnAction,
  prompt?: string,
  signal: AbortSignal = new AbortController().signal,
): Promise<Turn> {
  const plan = planTurn(thread, action, prompt, () => crypto.randomUUID())
  const updates: AnswerUpdate[] = []
  const answer = client.ask({ turn: { ...plan, model: 'auto', temporary: thread.temporary }, signal })
  for (;;) {
    const step = await answer.next()
    if (step.done) {
      const last = step.value.last
      return {
        updates,
        outcome: step.value,
        thread: recordTurn(thread, plan, {
          ...(last.conversationId ? { conversationId: last.conversationId } : {}),
          ...(last.messageId ? { messageId: last.messageId } : {}),
        }),
      }
    }
    updates.push(step.value)
  }
}

export const newThread = (temporary = false) => createThread('test', temporary)
