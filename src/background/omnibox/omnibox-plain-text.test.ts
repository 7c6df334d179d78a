import { describe, expect, it } from 'vitest'
import { escapeOmniboxXml } from './omnibox-xml'
import { omniboxPlainText } from './omnibox-plain-text'

describe('omniboxPlainText', () => {
  it('drops the three styling tags and decodes the five entities', () => {
    expect(omniboxPlainText('<match>gpt</match> <dim>— ask &quot;R&amp;D&quot; &lt;now&gt; &apos;ok&apos;</dim> <url>https://x</url>')).toBe('gpt — ask "R&D" <now> \'ok\' https://x')
  })

  it('undoes escapeOmniboxXml exactly, including text that looks like an entity or a tag', () => {
    for (const text of ['a & b', '&lt;match&gt;', '<match>not a tag</match>', 'x &amp;amp; y', '"quoted" \'single\'', '中文 & emoji 🙂']) {
      expect(omniboxPlainText(escapeOmniboxXml(text))).toBe(text)
    }
  })
})
