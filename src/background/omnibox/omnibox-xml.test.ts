import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { escapeOmniboxXml, oneLine, truncate } from './omnibox-xml'
import { readCharacterData, representable } from './test-xml-reader'

describe('escapeOmniboxXml', () => {
  it('escapes the five special characters', () => {
    expect(escapeOmniboxXml(`<match>&"'</match>`)).toBe('&lt;match&gt;&amp;&quot;&apos;&lt;/match&gt;')
    expect(escapeOmniboxXml('&amp;')).toBe('&amp;amp;')
  })

  it('keeps tabs, line breaks, CJK and emoji, and drops what XML cannot carry', () => {
    expect(escapeOmniboxXml('a\tb\nc\r你好 👩‍👩‍👧')).toBe('a\tb\nc\r你好 👩‍👩‍👧')
    expect(escapeOmniboxXml('a\u0000b\u001Fc\uFFFEd\uD800e\uDC00f')).toBe('abcdef')
  })

  it('round-trips any string through a strict reader and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(readCharacterData(escapeOmniboxXml(text))).toBe(representable(text))
      }),
      { numRuns: 100 },
    )
    fc.assert(
      fc.property(fc.array(fc.constantFrom('<', '>', '&', '"', "'", 'a', ';', 'amp', 'lt', '#', ' '), { maxLength: 60 }).map((parts) => parts.join('')), (text) => {
        expect(readCharacterData(escapeOmniboxXml(text))).toBe(text)
      }),
      { numRuns: 100 },
    )
  })
})

describe('oneLine and truncate', () => {
  it('folds whitespace runs, newlines included', () => {
    expect(oneLine('  what\n\tis  \r\n 2+2 ')).toBe('what is 2+2')
  })

  it('cuts by code point, never inside an emoji pair', () => {
    expect(truncate('abc', 3)).toBe('abc')
    expect(truncate('abcd', 3)).toBe('ab…')
    const cut = truncate('😀😀😀😀', 3)
    expect(cut).toBe('😀😀…')
    expect(readCharacterData(escapeOmniboxXml(cut))).toBe(cut)
  })
})
