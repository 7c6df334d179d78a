// @vitest-environment happy-dom
import { cleanup } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { renderUi } from '../test-i18n'
import { Markdown } from './Markdown'

afterEach(cleanup)

/** The paragraph as HTML, with each <strong>/<em> kept and everything else as text. */
function shown(text: string): string {
  const root = renderUi(<Markdown text={text} streaming={false} />).container
  return root.querySelector('p')?.innerHTML ?? ''
}

describe('CJK strong emphasis', () => {
  it('is bold after a full-width colon or quote followed by a word, as on chatgpt.com', () => {
    expect(shown('**简单来说：**答案是四十二。')).toBe('<strong>简单来说：</strong>答案是四十二。')
    expect(shown('他说**「好的」**然后走了')).toBe('他说<strong>「好的」</strong>然后走了')
    expect(shown('**“引用”**后文')).toBe('<strong>“引用”</strong>后文')
    expect(shown('**注意:**日本語も')).toBe('<strong>注意:</strong>日本語も')
    expect(shown('**요약：**한국어')).toBe('<strong>요약：</strong>한국어')
  })

  it('keeps what CommonMark already renders, and nested emphasis, the same', () => {
    expect(shown('**中文**')).toBe('<strong>中文</strong>')
    expect(shown('a **bold** b')).toBe('a <strong>bold</strong> b')
    expect(shown('**粗体*斜体*粗体**')).toBe('<strong>粗体<em>斜体</em>粗体</strong>')
    expect(shown('***粗斜体***')).toBe('<em><strong>粗斜体</strong></em>')
  })

  it('leaves runs that are not emphasis as text', () => {
    expect(shown('**not bold **x')).toBe('**not bold **x')
    expect(shown('2 ** 3 ** 4')).toBe('2 ** 3 ** 4')
    expect(shown('** 中文**')).toBe('** 中文**')
    expect(shown('`**代码：**x`')).toBe('<code>**代码：**x</code>')
  })

  it('renders its inner text as inline markdown, never as HTML', () => {
    expect(shown('**<img src=x onerror=alert(1)>：**后文')).toBe('<strong>&lt;img src=x onerror=alert(1)&gt;：</strong>后文')
  })
})
