/**
 * A conversation thread per client key (the popup, each tab's overlay, each chat page), as the
 * original NChatGPTRev gave every WeChat/QQ user its own Chatbot. Pure state transitions; the
 * worker persists the result.
 */
import type { TurnAction } from '../chatgpt/conversation-request'

export interface ThreadState {
  threadKey: string
  conversationId?: string
  /** Last assistant message id: the next turn's `parent_message_id`. */
  parentMessageId?: string
  /** The parent the last user turn was sent under: what a regenerate (`variant`) re-uses. */
  lastTurnParentId?: string
  /** The last user message, re-sent by a regenerate. */
  lastUserMessage?: { id: string; prompt: string }
  model?: string
  temporary: boolean
  title?: string
}

export function createThread(threadKey: string, temporary: boolean): ThreadState {
  return { threadKey, temporary }
}

/** New chat: forget the conversation and parent (NChatGPTRev's `ResetConversation`). */
export function resetThread(thread: ThreadState): ThreadState {
  return { threadKey: thread.threadKey, temporary: thread.temporary, ...(thread.model ? { model: thread.model } : {}) }
}

export interface TurnPlan {
  action: TurnAction
  prompt?: string
  userMessageId: string
  conversationId?: string
  parentMessageId: string
}

/**
 * What to send for an action. `next` continues under the last answer; `variant` re-sends the last
 * user message under the same parent; `continue` extends the last answer (cut by `max_tokens`).
 */
export function planTurn(
  thread: ThreadState,
  action: TurnAction,
  prompt: string | undefined,
  newId: () => string,
): TurnPlan {
  const conversation = thread.conversationId ? { conversationId: thread.conversationId } : {}
  switch (action) {
    case 'next':
      if (prompt === undefined) throw new Error('a new turn needs a prompt')
      return { action, prompt, userMessageId: newId(), ...conversation, parentMessageId: thread.parentMessageId ?? newId() }
    case 'variant': {
      const last = thread.lastUserMessage
      if (!last || !thread.lastTurnParentId) throw new Error('nothing to regenerate')
      return { action, prompt: last.prompt, userMessageId: last.id, ...conversation, parentMessageId: thread.lastTurnParentId }
    }
    case 'continue':
      if (!thread.parentMessageId || !thread.conversationId) throw new Error('nothing to continue')
      return { action, userMessageId: newId(), ...conversation, parentMessageId: thread.parentMessageId }
  }
}

/** The thread after a turn was accepted by the server (ids known from the stream). */
export function recordTurn(
  thread: ThreadState,
  plan: TurnPlan,
  answer: { conversationId?: string; messageId?: string; title?: string },
): ThreadState {
  const next: ThreadState = { ...thread }
  if (answer.conversationId) next.conversationId = answer.conversationId
  if (answer.messageId) next.parentMessageId = answer.messageId
  if (answer.title && !next.title) next.title = answer.title
  if (plan.action !== 'continue' && plan.prompt !== undefined) {
    next.lastUserMessage = { id: plan.userMessageId, prompt: plan.prompt }
    next.lastTurnParentId = plan.parentMessageId
  }
  return next
}
