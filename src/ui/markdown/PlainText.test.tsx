// @vitest-environment happy-dom
import { render } from '@testing-library/preact'
import { describe, expect, it } from 'vitest'
import { CHUNK_CHARS, chunkText, PlainText } from './PlainText'

describe('PlainText (threats T16)', () => {
  it('keeps short text as one text node', () => {
    const { container } = render(<PlainText text="short" />)
    expect(container.innerHTML).toBe('short')
  })

  it('cuts long text into chunks that join back to the text exactly', () => {
    for (const text of ['x'.repeat(1 << 20), 'a line of text\n'.repeat(5_000), '😀'.repeat(10_000), `${'y'.repeat(CHUNK_CHARS - 1)}😀z`]) {
      const chunks = chunkText(text)
      expect(chunks.join('')).toBe(text)
      for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(CHUNK_CHARS)
      // No chunk starts with the second half of a surrogate pair.
      for (const chunk of chunks) expect(/^[\udc00-\udfff]/.test(chunk)).toBe(false)
    }
  })

  it('ends chunks at a line break when one is near', () => {
    const chunks = chunkText('a line of text\n'.repeat(5_000))
    for (const chunk of chunks.slice(0, -1)) expect(chunk.endsWith('\n')).toBe(true)
  })

  it('renders each chunk as its own lazily laid-out element', () => {
    const text = 'z'.repeat(CHUNK_CHARS * 3 + 5)
    const { container } = render(<PlainText text={text} />)
    const chunks = container.querySelectorAll('.md-chunk')
    expect(chunks).toHaveLength(4)
    expect(container.textContent).toBe(text)
  })
})
