import { describe, expect, it } from 'vitest'
import { parseArrayIndex, parseJsonPointer } from './json-pointer'

describe('parseJsonPointer', () => {
  it('parses the root and plain paths', () => {
    expect(parseJsonPointer('')).toEqual([])
    expect(parseJsonPointer('/message/content/parts/0')).toEqual(['message', 'content', 'parts', '0'])
    expect(parseJsonPointer('/')).toEqual([''])
  })

  it('unescapes ~1 then ~0 (RFC 6901 order)', () => {
    expect(parseJsonPointer('/a~1b/c~0d')).toEqual(['a/b', 'c~d'])
    expect(parseJsonPointer('/~01')).toEqual(['~1'])
  })

  it('rejects malformed pointers instead of throwing', () => {
    expect(parseJsonPointer('message')).toBeUndefined()
    expect(parseJsonPointer('/a~2')).toBeUndefined()
    expect(parseJsonPointer('/a~')).toBeUndefined()
  })
})

describe('parseArrayIndex', () => {
  it('accepts canonical indexes only', () => {
    expect(parseArrayIndex('0')).toBe(0)
    expect(parseArrayIndex('12')).toBe(12)
    for (const token of ['-', '01', '-1', '1.5', '', 'x', '1e3']) expect(parseArrayIndex(token)).toBeUndefined()
  })
})
