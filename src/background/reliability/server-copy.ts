/**
 * Reads a lost answer back from ChatGPT's own copy of the conversation (`GET
 * /backend-api/conversation/{id}`, threats-and-faults R3): the recovery for a cut or stalled
 * stream, a worker that died mid-answer, and "Check result". Never a re-send.
 *
 * The copy is only trusted for *this* job's answer: with the assistant message id known it must
 * be that message; without it (the stream died before naming it), it must not be an answer the
 * thread already had, or a question that never reached the server would be "answered" by the
 * previous reply.
 */
import type { RecoveredAnswer } from '../../core/chatgpt/conversation-snapshot'

export interface ServerCopyDeps {
  readAnswer(conversationId: string, messageId?: string): Promise<RecoveredAnswer | undefined>
  sleep(ms: number, signal: AbortSignal): Promise<void>
}

export interface LostAnswer {
  conversationId?: string
  messageId?: string
}

export type ServerCopy =
  | { kind: 'finished'; answer: RecoveredAnswer }
  /** The server is still writing it (or stopped partway): what it has so far. */
  | { kind: 'partial'; answer: RecoveredAnswer }
  /** Not there, not reachable, or no conversation to look in. */
  | { kind: 'none' }

/** Bounded like F3: at most 10 reads over about two minutes while the answer is still growing. */
export const POLLS = 10
const FIRST_WAIT_MS = 1_000
const MAX_WAIT_MS = 20_000
/** Reads in a row without this job's answer before giving up (the POST may still be on its way). */
const MISSES = 2

/** This job's answer in the copy, if the copy has it. */
export function pickOwnAnswer(answer: RecoveredAnswer | undefined, lost: LostAnswer, knownAnswerIds: ReadonlySet<string>) {
  if (!answer) return undefined
  if (lost.messageId) return answer.messageId === lost.messageId ? answer : undefined
  return knownAnswerIds.has(answer.messageId) ? undefined : answer
}

/**
 * Reads the copy until this job's answer is finished, the bound is reached, or it is clearly not
 * there. `onPartial` sees the text grow meanwhile. Aborting `signal` (the user pressed Stop)
 * rejects from the wait.
 */
export async function pollServerCopy(
  deps: ServerCopyDeps,
  lost: LostAnswer,
  knownAnswerIds: ReadonlySet<string>,
  signal: AbortSignal,
  onPartial: (answer: RecoveredAnswer) => void = () => undefined,
): Promise<ServerCopy> {
  const conversationId = lost.conversationId
  if (!conversationId) return { kind: 'none' }
  let best: RecoveredAnswer | undefined
  for (let poll = 0, misses = 0, wait = FIRST_WAIT_MS; poll < POLLS; poll += 1) {
    let read: RecoveredAnswer | undefined
    try {
      read = await deps.readAnswer(conversationId, lost.messageId)
    } catch {
      break // unreachable or refused: the user can check again later
    }
    const own = pickOwnAnswer(read, lost, knownAnswerIds)
    if (own?.finished) return { kind: 'finished', answer: own }
    if (own) {
      misses = 0
      best = own
      onPartial(own)
    } else if (++misses >= MISSES) {
      break
    }
    if (poll + 1 < POLLS) {
      await deps.sleep(own ? wait : FIRST_WAIT_MS, signal)
      if (own) wait = Math.min(wait * 2, MAX_WAIT_MS)
    }
  }
  return best ? { kind: 'partial', answer: best } : { kind: 'none' }
}
