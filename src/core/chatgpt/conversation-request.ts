/**
 * Builds the conversation POST body for one turn (pure). Wire names (snake_case) stay here.
 * Sources: protocol.md §6.2 (bodies by era) and §6.3 (field reference).
 */
import type { ProtocolProfile } from './protocol-profiles'

export type TurnAction = 'next' | 'variant' | 'continue'

export interface TurnRequest {
  action: TurnAction
  /** The user's text; absent for `continue`. */
  prompt?: string
  /** Generated once and kept with the job, so any retry is idempotent by id (R3). */
  userMessageId: string
  conversationId?: string
  /** Last assistant message id; for a new conversation a fresh UUID. */
  parentMessageId: string
  model: string
  temporary: boolean
  /** Minutes, as `new Date().getTimezoneOffset()`. */
  timezoneOffsetMin: number
  timezone?: string
  createTimeSec: number
}

export function buildConversationBody(profile: ProtocolProfile, turn: TurnRequest): Record<string, unknown> {
  const messages =
    turn.action === 'continue' || turn.prompt === undefined
      ? undefined
      : [
          {
            id: turn.userMessageId,
            author: { role: 'user' },
            ...(profile.bodyStyle === 'modern' ? { create_time: turn.createTimeSec } : {}),
            content: { content_type: 'text', parts: [turn.prompt] },
            metadata: {},
          },
        ]
  const common: Record<string, unknown> = {
    action: turn.action,
    ...(messages ? { messages } : {}),
    ...(turn.conversationId ? { conversation_id: turn.conversationId } : {}),
    parent_message_id: turn.parentMessageId,
    model: turn.model,
    timezone_offset_min: turn.timezoneOffsetMin,
    conversation_mode: { kind: 'primary_assistant' },
    history_and_training_disabled: turn.temporary,
  }
  if (profile.bodyStyle === 'legacy') {
    return { ...common, suggestions: [], arkose_token: null, force_paragen: false, force_rate_limit: false }
  }
  return {
    ...common,
    ...(turn.timezone ? { timezone: turn.timezone } : {}),
    ...(profile.conduitPreparePath ? { client_prepare_state: 'success' } : {}),
    force_use_sse: true,
    supports_buffering: true,
    supported_encodings: profile.encodings,
    system_hints: [],
    enable_message_followups: false,
  }
}

/** `/f/conversation/prepare` takes the same turn parameters without `messages` (§6.2). */
export function buildPrepareBody(profile: ProtocolProfile, turn: TurnRequest): Record<string, unknown> {
  const { messages: _messages, ...rest } = buildConversationBody(profile, turn)
  return { ...rest, client_prepare_state: 'none', fork_from_shared_post: false }
}
