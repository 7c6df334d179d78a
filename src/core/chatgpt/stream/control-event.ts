/**
 * Control frame types seen on the wire (protocol.md §7.4). Others are passed through as-is:
 * the list grows without notice, and an unknown type must never break the stream (F9, F12).
 */
export type KnownControlEventType =
  | 'resume_conversation_token'
  | 'input_message'
  | 'message_marker'
  | 'title_generation'
  | 'server_ste_metadata'
  | 'message_stream_complete'
  | 'conversation_detail_metadata'
  | 'stream_handoff'
  | 'streaming_parent_patch'
  | 'moderation'

/**
 * A `data: {"type": …}` frame, handed to `onControlEvent` untranslated. The decoder itself uses
 * `title_generation`, `message_stream_complete`, `input_message` and `server_ste_metadata`; the
 * rest (resume tokens, stream handoffs, quota banners) are for the layers above.
 */
export interface ControlEvent {
  type: KnownControlEventType | (string & {})
  conversationId?: string
  /**
   * The whole parsed frame. For `resume_conversation_token` it holds a bearer credential
   * (`token`): store it if needed, never log it.
   */
  payload: Readonly<Record<string, unknown>>
}
