import { describe, expect, it } from 'vitest'
import { linkableConversationId } from './Header'

describe('linkableConversationId', () => {
  it('links only conversations kept in ChatGPT', () => {
    expect(linkableConversationId({ conversationId: 'c', privacy: 'keep' })).toBe('c')
    expect(linkableConversationId({ conversationId: 'c', privacy: 'temporary' })).toBeUndefined()
    expect(linkableConversationId({ conversationId: 'c', privacy: 'delete-after' })).toBeUndefined()
  })

  it('treats threads from before privacy was recorded as kept', () => {
    expect(linkableConversationId({ conversationId: 'c' })).toBe('c')
    expect(linkableConversationId(undefined)).toBeUndefined()
  })
})
