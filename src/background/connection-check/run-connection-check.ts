/**
 * The options page's Connection check: session → token → sentinel → a tiny test question, one
 * step at a time, reporting each as it goes. The first failure is named with its error (the UI
 * turns the code into words and one action) and the later steps are marked skipped. The test
 * question is a temporary chat, so it leaves nothing in the user's ChatGPT history.
 */
import type { ChatGptClient } from '../../core/chatgpt/chatgpt-client'
import { ChatGptError, type SerializedChatGptError } from '../../core/chatgpt/chatgpt-error'
import type { ConnectionStep, ConnectionStepId } from '../../shared/messaging/protocol'

export const CHECK_QUESTION = 'Reply with the single word OK.'
/** The whole test question, sentinel and answer included. */
const QUESTION_TIMEOUT_MS = 60_000

export interface ConnectionCheckDeps {
  client: Pick<ChatGptClient, 'diagnose' | 'ask'>
  newId: () => string
  /** The model the test question asks ('auto' = the account's default). */
  model: () => Promise<string>
  timeoutMs?: number
}

const ORDER: readonly ConnectionStepId[] = ['session', 'token', 'sentinel', 'question']

function describe(error: unknown): SerializedChatGptError {
  return error instanceof ChatGptError ? error.toJSON() : { code: 'unknown', message: String(error) }
}

async function askTestQuestion(deps: ConnectionCheckDeps): Promise<void> {
  const signal = AbortSignal.timeout(deps.timeoutMs ?? QUESTION_TIMEOUT_MS)
  const answer = deps.client.ask({
    turn: {
      action: 'next',
      prompt: CHECK_QUESTION,
      userMessageId: deps.newId(),
      parentMessageId: deps.newId(),
      model: await deps.model(),
      temporary: true,
    },
    signal,
  })
  for (;;) {
    const step = await answer.next()
    if (!step.done) continue
    if (step.value.kind !== 'complete') throw new ChatGptError('interrupted', 'The test answer stopped before it was complete.')
    return
  }
}

/** Runs every step in order; `report` gets a fresh copy of all steps after each change. */
export async function runConnectionCheck(
  deps: ConnectionCheckDeps,
  report: (steps: ConnectionStep[]) => void,
): Promise<ConnectionStep[]> {
  const steps: ConnectionStep[] = ORDER.map((id) => ({ id, status: 'pending' }))
  const publish = () => report(steps.map((step) => ({ ...step })))
  const run: Record<ConnectionStepId, () => Promise<'passed' | 'not-needed' | void>> = {
    session: () => deps.client.diagnose.session(),
    token: () => deps.client.diagnose.token(),
    sentinel: () => deps.client.diagnose.sentinel(),
    question: () => askTestQuestion(deps),
  }
  for (const step of steps) {
    step.status = 'running'
    publish()
    try {
      step.status = (await run[step.id]()) ?? 'passed'
    } catch (error) {
      step.status = 'failed'
      step.error = describe(error)
      for (const later of steps) if (later.status === 'pending') later.status = 'skipped'
      publish()
      return steps
    }
    publish()
  }
  return steps
}
