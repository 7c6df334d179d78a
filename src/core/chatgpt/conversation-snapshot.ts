/**
 * Reads an answer out of `GET /backend-api/conversation/{id}` (protocol.md §8): the mapping tree
 * walked from `current_node` up. This is the authoritative copy used to recover an answer whose
 * stream was cut, never a re-send.
 */
interface WireMessage {
  id?: string
  author?: { role?: string }
  content?: { content_type?: string; parts?: unknown[] }
  status?: string
  end_turn?: boolean | null
  recipient?: string
  channel?: string | null
  metadata?: { finish_details?: { type?: string }; is_visually_hidden_from_conversation?: boolean }
}

export interface ConversationSnapshot {
  title?: string | null
  current_node?: string
  mapping?: Record<string, { id?: string; parent?: string | null; message?: WireMessage | null }>
}

export interface RecoveredAnswer {
  messageId: string
  text: string
  /** The server finished the message (it will not grow any more). */
  finished: boolean
  finishReason?: string
  title?: string
}

function isVisibleAnswer(message: WireMessage): boolean {
  return (
    message.author?.role === 'assistant' &&
    (message.recipient ?? 'all') === 'all' &&
    message.content?.content_type === 'text' &&
    (message.channel ?? 'final') === 'final' &&
    !message.metadata?.is_visually_hidden_from_conversation
  )
}

/** The visible answer `messageId`, or else the newest visible answer on the current branch. */
export function readFinishedAnswer(snapshot: ConversationSnapshot, messageId?: string): RecoveredAnswer | undefined {
  const mapping = snapshot.mapping ?? {}
  const start = messageId && mapping[messageId] ? messageId : snapshot.current_node
  for (let id = start, hops = 0; id && hops < 10_000; hops += 1) {
    const node = mapping[id]
    if (!node) return undefined
    const message = node.message
    if (message && isVisibleAnswer(message)) {
      const part = message.content?.parts?.[0]
      const finishReason = message.metadata?.finish_details?.type
      return {
        messageId: message.id ?? id,
        text: typeof part === 'string' ? part : '',
        finished: message.status === 'finished_successfully',
        ...(finishReason ? { finishReason } : {}),
        ...(snapshot.title ? { title: snapshot.title } : {}),
      }
    }
    id = node.parent ?? undefined
  }
  return undefined
}
