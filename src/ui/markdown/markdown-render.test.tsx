// @vitest-environment happy-dom
import { act, cleanup, fireEvent } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderUi } from '../test-i18n'
import { loadHighlighter } from './load-highlighter'
import { Markdown, MAX_RENDERED_CHARS } from './Markdown'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const render = (text: string, streaming = false) => renderUi(<Markdown text={text} streaming={streaming} />).container

/** Lets the lazily imported highlighter load and its state update land. */
async function settle() {
  await act(async () => {
    await loadHighlighter()
    await new Promise((resolve) => setTimeout(resolve, 0))
  })
}

describe('Markdown rendering', () => {
  it('renders a GFM table with header, rows and alignment', () => {
    const root = render('| Name | Qty |\n| :--- | ---: |\n| apple | 3 |\n| pear | `4` |')
    expect([...root.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Name', 'Qty'])
    expect(root.querySelectorAll('tbody tr')).toHaveLength(2)
    expect(root.querySelector('td.md-align-right code')?.textContent).toBe('4')
    expect(root.querySelector('th')?.className).toBe('md-align-left')
  })

  it('renders nested lists, ordered starts and task items', () => {
    const root = render('3. three\n4. four\n   - nested\n     - deeper\n\n- [x] done\n- [ ] open')
    expect(root.querySelector('ol')?.getAttribute('start')).toBe('3')
    expect(root.querySelector('ol li ul li ul li')?.textContent).toBe('deeper')
    const boxes = [...root.querySelectorAll<HTMLInputElement>('li.md-task input')]
    expect(boxes.map((b) => b.checked)).toEqual([true, false])
    expect(boxes.every((b) => b.disabled)).toBe(true)
  })

  it('renders headings, emphasis, strikethrough, inline code, quotes and rules', () => {
    const root = render('# One\n\n### Three\n\n**b** *i* ~~s~~ `c`\n\n> quoted\n\n---\n\nline one  \nline two')
    expect(root.querySelector('h1')?.textContent).toBe('One')
    expect(root.querySelector('h3')?.textContent).toBe('Three')
    expect(root.querySelector('strong')?.textContent).toBe('b')
    expect(root.querySelector('em')?.textContent).toBe('i')
    expect(root.querySelector('del')?.textContent).toBe('s')
    expect(root.querySelector('p code')?.textContent).toBe('c')
    expect(root.querySelector('blockquote p')?.textContent).toBe('quoted')
    expect(root.querySelector('hr')).not.toBeNull()
    expect(root.querySelector('br')).not.toBeNull()
  })

  it('decodes character references in text but not in code', () => {
    const root = render('Tom &amp; Jerry &#8212; &copy; &lt;b&gt; `&amp;`')
    expect(root.querySelector('p')?.firstChild?.textContent).toBe('Tom & Jerry — © <b> ')
    expect(root.querySelector('code')?.textContent).toBe('&amp;')
  })

  it('renders a code block with its language label, a copy button, and highlighting once loaded', async () => {
    const writeText = vi.fn(() => Promise.resolve())
    vi.stubGlobal('navigator', { clipboard: { writeText } })
    const root = render('```ts\nconst x: number = 1 // one\n```')
    expect(root.querySelector('.md-code-lang')?.textContent).toBe('ts')
    expect(root.querySelector('pre code')?.textContent).toBe('const x: number = 1 // one')
    await settle()
    expect(root.querySelector('pre code .hl-keyword')?.textContent).toBe('const')
    expect(root.querySelector('pre code .hl-comment')?.textContent).toBe('// one')
    expect(root.querySelector('pre code')?.textContent).toBe('const x: number = 1 // one')
    await act(async () => {
      fireEvent.click(root.querySelector('[data-testid="copy-code"]')!)
      await Promise.resolve()
    })
    expect(writeText).toHaveBeenCalledWith('const x: number = 1 // one')
    expect(root.querySelector('[data-testid="copy-code"]')?.textContent).toBe('Copied')
  })

  it('labels a code block without a language and leaves unknown languages unhighlighted', async () => {
    const root = render('```\nplain\n```\n\n```cobol\nDISPLAY "HI".\n```')
    await settle()
    expect([...root.querySelectorAll('.md-code-lang')].map((el) => el.textContent)).toEqual(['code', 'cobol'])
    expect(root.querySelector('.hl-string')).toBeNull()
  })

  it('does not highlight the streaming tail block', async () => {
    const root = render('```js\nlet a = 1\n', true)
    await settle()
    expect(root.querySelector('.hl-keyword')).toBeNull()
  })

  it('shows answers over the size cap as plain text, with a toggle to render them', () => {
    const big = `# Title\n\n${'word '.repeat(MAX_RENDERED_CHARS / 5)}`
    const root = render(big)
    expect(root.querySelector('h1')).toBeNull()
    expect(root.querySelector('pre.md-raw')?.textContent).toBe(big)
    const toggle = root.querySelector<HTMLButtonElement>('[data-testid="render-toggle"]')!
    expect(toggle.textContent).toBe('Render anyway')
    fireEvent.click(toggle)
    expect(root.querySelector('h1')?.textContent).toBe('Title')
    expect(toggle.textContent).toBe('Show raw')
  })
})
