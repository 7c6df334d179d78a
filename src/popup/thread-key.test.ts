import { describe, expect, it } from 'vitest'
import { initialPromptFrom, threadKeyFrom } from './thread-key'

describe('threadKeyFrom', () => {
  it('defaults to the popup thread and accepts a safe ?thread= key', () => {
    expect(threadKeyFrom('')).toBe('popup')
    expect(threadKeyFrom('?thread=tab-2')).toBe('tab-2')
    expect(threadKeyFrom('?thread=../../x')).toBe('popup')
    expect(threadKeyFrom(`?thread=${'a'.repeat(65)}`)).toBe('popup')
  })

  it('reads ?q= as text to pre-fill', () => {
    expect(initialPromptFrom('?q=hello%20world')).toBe('hello world')
    expect(initialPromptFrom('')).toBe('')
  })
})
