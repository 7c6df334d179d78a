import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { defaultDescription, describeQuestion, MAX_SUGGESTIONS, suggestQuestions } from './omnibox-suggestions'
import { readDescription, representable } from './test-xml-reader'

const NOTE = '— asked before'

describe('describeQuestion', () => {
  it('marks the typed part and dims the note', () => {
    expect(describeQuestion('What is the capital of France?', 'capital', NOTE)).toBe('What is the <match>capital</match> of France? <dim>— asked before</dim>')
  })

  it('matches case-insensitively and keeps the question’s own case', () => {
    expect(describeQuestion('What IS this', 'is', NOTE)).toBe('What <match>IS</match> this <dim>— asked before</dim>')
  })

  it('escapes <, &, quotes in the question, the match and the note, and reads back verbatim', () => {
    const question = `Is 1 < 2 && "x" > 'y' <match>?`
    const xml = describeQuestion(question, '< 2 &&', '<dim> & "note"')
    expect(xml).toBe(`Is 1 <match>&lt; 2 &amp;&amp;</match> &quot;x&quot; &gt; &apos;y&apos; &lt;match&gt;? <dim>&lt;dim&gt; &amp; &quot;note&quot;</dim>`)
    expect(readDescription(xml)).toEqual({ text: `${question} <dim> & "note"`, tags: ['match', 'dim'] })
  })

  it('shows a long question on one shortened line', () => {
    const xml = describeQuestion(`line one\nline two ${'x'.repeat(300)}`, '', NOTE)
    const { text } = readDescription(xml)
    expect(text.startsWith('line one line two xxx')).toBe(true)
    expect(text).toContain('… — asked before')
    expect(Array.from(text).length).toBeLessThan(120)
  })

  it('marks nothing where case folding changes the length', () => {
    expect(readDescription(describeQuestion('İstanbul nerede', 'nerede', NOTE)).tags).toEqual(['dim'])
  })

  it('is well-formed XML for any question and any query', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 150 }), fc.string({ maxLength: 10 }), (question, query) => {
        const { text } = readDescription(describeQuestion(question, query, NOTE))
        expect(text.endsWith(` ${NOTE}`)).toBe(true)
      }),
      { numRuns: 100 },
    )
  })

  it('round-trips short one-line questions made of XML’s special characters exactly', () => {
    const special = fc.array(fc.constantFrom('<', '>', '&', '"', "'", 'a', 'b', ';', 'amp', '<match>', '</dim>', '%s'), { minLength: 1, maxLength: 20 })
    fc.assert(
      fc.property(special, fc.nat(5), (parts, cut) => {
        const question = parts.join('')
        const query = question.slice(0, cut)
        expect(readDescription(describeQuestion(question, query, NOTE)).text).toBe(`${representable(question)} ${NOTE}`)
      }),
      { numRuns: 100 },
    )
  })
})

describe('suggestQuestions', () => {
  const recent = ['What is 2+2?', 'what is the time in Tokyo', 'Translate hello', 'Who wrote Hamlet?', 'what is 3+3', 'what is love', 'what is XML']

  it('offers the newest matching questions, at most five, with the question as content', () => {
    const rows = suggestQuestions('what is', recent, NOTE)
    expect(rows.map((r) => r.content)).toEqual(['What is 2+2?', 'what is the time in Tokyo', 'what is 3+3', 'what is love', 'what is XML'])
    expect(rows).toHaveLength(MAX_SUGGESTIONS)
    expect(rows[0]!.description).toBe('<match>What is</match> 2+2? <dim>— asked before</dim>')
  })

  it('offers the newest questions for an empty input', () => {
    expect(suggestQuestions('  ', recent, NOTE).map((r) => r.content)).toEqual(recent.slice(0, MAX_SUGGESTIONS))
  })

  it('leaves out the exact text typed, which Chromium would drop anyway', () => {
    expect(suggestQuestions('Translate hello', recent, NOTE)).toEqual([])
  })

  it('offers nothing that does not contain the input', () => {
    expect(suggestQuestions('quantum', recent, NOTE)).toEqual([])
  })
})

describe('defaultDescription', () => {
  it('marks where Chromium puts the typed text, and escapes the translation around it', () => {
    expect(defaultDescription('Ask ChatGPT: %s')).toBe('Ask ChatGPT: <match>%s</match>')
    expect(defaultDescription('问 ChatGPT：%s')).toBe('问 ChatGPT：<match>%s</match>')
    expect(defaultDescription('Q&A <%s>')).toBe('Q&amp;A &lt;<match>%s</match>&gt;')
    expect(readDescription(defaultDescription('Ask "ChatGPT"')).text).toBe('Ask "ChatGPT"')
  })
})
