import { describe, expect, it } from 'vitest'
import { chatPagePath, tabIdOf, tabThreadKey, threadKeyFromHash } from './pages'

describe('overlay page contract', () => {
  it('keys a thread by tab id and reads it back', () => {
    expect(tabThreadKey(42)).toBe('tab:42')
    expect(tabIdOf('tab:42')).toBe(42)
    expect(tabIdOf('popup')).toBeUndefined()
    expect(tabIdOf('tab:4x')).toBeUndefined()
  })

  it('accepts only a tab key in the hash', () => {
    expect(threadKeyFromHash('#tab:7')).toBe('tab:7')
    expect(threadKeyFromHash('#popup')).toBeUndefined()
    expect(threadKeyFromHash('#tab:7&text=secret')).toBeUndefined()
    expect(threadKeyFromHash('')).toBeUndefined()
  })

  it('opens the same thread on the chat page', () => {
    expect(chatPagePath('tab:7')).toBe('src/chat/index.html#tab:7')
  })
})
