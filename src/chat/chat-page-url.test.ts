import { describe, expect, it } from 'vitest'
import { chatAskPath, chatPagePath, isThreadKey, newThreadKey, surfaceForThreadKey, threadKeyFromHash } from './chat-page-url'

describe('chat page URLs', () => {
  it('puts the thread key in the hash and reads it back', () => {
    const key = newThreadKey('omnibox', '0b8f5c1e-2f4a-4c3e-9a51-6d2b7e3f1a90')
    expect(chatPagePath(key)).toBe('src/chat/index.html#omnibox%3A0b8f5c1e-2f4a-4c3e-9a51-6d2b7e3f1a90')
    expect(threadKeyFromHash(`#${encodeURIComponent(key)}`)).toBe(key)
    expect(threadKeyFromHash(`#${key}`)).toBe(key)
    expect(threadKeyFromHash('#popup')).toBe('popup')
    // overlay/pages.ts writes tab keys unescaped
    expect(threadKeyFromHash('#tab:12')).toBe('tab:12')
  })

  it('refuses hashes that are not thread keys', () => {
    for (const hash of ['', '#', '#a b', '#<script>', '#%E0%A4%A', `#${'x'.repeat(201)}`, '#thread/../x']) expect(threadKeyFromHash(hash), hash).toBeUndefined()
    expect(isThreadKey('chat-page:1.2_3')).toBe(true)
  })

  it('carries a question in ?q= with any characters', () => {
    const path = chatAskPath('a & b? #1 100%')
    expect(new URL(path, 'chrome-extension://id/').searchParams.get('q')).toBe('a & b? #1 100%')
  })

  it('tells the surface from the key, for threads the page has to create', () => {
    expect(surfaceForThreadKey('omnibox:1')).toBe('omnibox')
    expect(surfaceForThreadKey('selection:1')).toBe('selection')
    expect(surfaceForThreadKey('chat-page:1')).toBe('chat-page')
    expect(surfaceForThreadKey('popup')).toBe('popup')
    expect(surfaceForThreadKey('thread-a')).toBe('popup')
    expect(surfaceForThreadKey('tab:12')).toBe('selection')
    expect(surfaceForThreadKey('other:12')).toBe('chat-page')
  })
})
