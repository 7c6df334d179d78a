// @vitest-environment happy-dom
import { act, cleanup } from '@testing-library/preact'
import { Lexer } from 'marked'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SAMPLE_MARKDOWN } from '../ui-fixtures'
import { renderUi, testT } from '../test-i18n'
import { I18nContext } from '../i18n'
import { loadHighlighter } from './load-highlighter'
import { Markdown } from './Markdown'
import { MarkdownBlock, MAX_LIVE_BLOCK_CHARS } from './MarkdownBlock'
import { splitBlocks } from './split-blocks'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const view = (text: string, streaming: boolean) => (
  <I18nContext.Provider value={testT}>
    <Markdown text={text} streaming={streaming} />
  </I18nContext.Provider>
)

/** Feeds `text` in deltas of `size` characters, like a stream. */
function stream(text: string, size: number) {
  const screen = renderUi(<Markdown text="" streaming />)
  for (let end = size; end < text.length + size; end += size) screen.rerender(view(text.slice(0, end), true))
  screen.rerender(view(text, false))
  return screen
}

async function settle() {
  await act(async () => {
    await loadHighlighter()
    await new Promise((resolve) => setTimeout(resolve, 0))
  })
}

/** A long answer whose blocks are all distinct, so lexer calls can be matched to blocks. */
const LONG = Array.from(
  { length: 12 },
  (_, i) =>
    `## Part ${i}\n\nPara ${i} with **bold** and \`code\`.\n\n- item ${i}\n- [x] task ${i}\n\n| h | v |\n|---|---|\n| ${i} | x |\n\n\`\`\`js\nconst v${i} = ${i}\n\n// gap ${i}\n\`\`\`\n\n> quote ${i}`,
).join('\n\n')

describe('incremental rendering', () => {
  it.each([1, 3, 17, 64])('streams to the same DOM as a single render (delta size %i)', async (size) => {
    const once = renderUi(<Markdown text={SAMPLE_MARKDOWN} streaming={false} />)
    await settle()
    const expected = once.container.innerHTML
    cleanup()
    const streamed = stream(SAMPLE_MARKDOWN, size)
    await settle()
    expect(streamed.container.innerHTML).toBe(expected)
  })

  it('lexes each finished block exactly once', () => {
    const lex = vi.spyOn(Lexer, 'lex')
    stream(LONG, 7)
    const blocks = splitBlocks(LONG)
    const calls = lex.mock.calls.map(([source]) => source)
    // Every block but the last became final while streaming; each was lexed once in its final form.
    for (const block of blocks.slice(0, -1)) expect(calls.filter((source) => source === block.source)).toHaveLength(1)
    // Per update only the tail is lexed: calls ≈ updates (+1 per block boundary crossing), never updates × blocks.
    const updates = Math.ceil(LONG.length / 7) + 1
    expect(lex.mock.calls.length).toBeLessThanOrEqual(updates + blocks.length)
  })

  it('lexes only the tail when a long answer grows', () => {
    const screen = renderUi(<Markdown text={LONG} streaming />)
    const lex = vi.spyOn(Lexer, 'lex')
    screen.rerender(view(`${LONG} more`, true))
    expect(lex).toHaveBeenCalledTimes(1)
    expect(lex.mock.calls[0]?.[0]).toBe(splitBlocks(`${LONG} more`).at(-1)?.source)
  })

  it('keeps the DOM nodes of finished blocks while streaming', () => {
    const screen = renderUi(<Markdown text={'# Head\n\npara'} streaming />)
    const heading = screen.container.querySelector('h1')
    screen.rerender(view('# Head\n\npara grows\n\n- item', true))
    expect(screen.container.querySelector('h1')).toBe(heading)
  })

  it('re-renders from scratch when the text is replaced (regenerate)', () => {
    const screen = renderUi(<Markdown text={'# Old\n\nanswer'} streaming={false} />)
    screen.rerender(view('# New\n\nother', false))
    expect(screen.container.querySelector('h1')?.textContent).toBe('New')
    expect(screen.container.textContent).not.toContain('answer')
  })

  it('shows a huge still-growing block as plain text instead of re-lexing it every update', () => {
    const huge = `intro\n\n${'word '.repeat(MAX_LIVE_BLOCK_CHARS / 4)}`
    const screen = renderUi(<Markdown text={huge} streaming />)
    const lex = vi.spyOn(Lexer, 'lex')
    screen.rerender(view(`${huge}more **bold**`, true))
    expect(lex).not.toHaveBeenCalled()
    expect(screen.container.textContent).toContain('more **bold**')
    screen.rerender(view(`${huge}more **bold**`, false))
    expect(lex).toHaveBeenCalledTimes(1)
    expect(screen.container.querySelector('strong')?.textContent).toBe('bold')
  })

  it('visits a bounded number of blocks per update, however long the answer', () => {
    const visits = (text: string) => {
      const screen = renderUi(<Markdown text={text} streaming />)
      const checked = vi.spyOn(MarkdownBlock.prototype, 'shouldComponentUpdate')
      const rendered = vi.spyOn(MarkdownBlock.prototype, 'render')
      screen.rerender(view(`${text}!`, true))
      const counts: [number, number] = [checked.mock.calls.length, rendered.mock.calls.length]
      vi.restoreAllMocks()
      cleanup()
      return counts
    }
    const short = Array.from({ length: 40 }, (_, i) => `p${i}`).join('\n\n')
    const long = Array.from({ length: 4000 }, (_, i) => `p${i}`).join('\n\n')
    const [shortChecks, shortRenders] = visits(short)
    const [longChecks, longRenders] = visits(long)
    expect(longRenders).toBe(1)
    expect(shortRenders).toBe(1)
    expect(longChecks).toBeLessThanOrEqual(32)
    expect(longChecks).toBeLessThanOrEqual(shortChecks + 32)
  })

  it('nests blocks in group elements, so an update changes the layout of one small box', () => {
    const text = Array.from({ length: 100 }, (_, i) => `p${i}`).join('\n\n')
    const screen = renderUi(<Markdown text="p0" streaming />)
    screen.rerender(view(text, true))
    const md = screen.container.querySelector('.md')!
    const groups = [...md.children]
    expect(groups.map((g) => g.className)).toEqual(['md-group', 'md-group', 'md-group', 'md-group'])
    expect(groups.map((g) => g.children.length)).toEqual([32, 32, 32, 4])
    screen.rerender(view(`${text}!`, true))
    // The finished groups are the very same elements: only the last one was touched.
    for (const [i, group] of [...md.children].slice(0, 3).entries()) expect(group).toBe(groups[i])
    expect(md.lastElementChild?.lastElementChild?.textContent).toBe('p99!')
  })

  it('mounts an answer that is already long from its end, then adds the rest a group per frame', async () => {
    const text = Array.from({ length: 100 }, (_, i) => `p${i}`).join('\n\n')
    const screen = renderUi(<Markdown text={text} streaming={false} />)
    const md = screen.container.querySelector('.md')!
    expect(md.children).toHaveLength(1)
    expect(md.textContent).toBe('p96p97p98p99')
    for (let frame = 0; frame < 20 && md.children.length < 4; frame++) {
      await act(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())))
    }
    expect(md.children).toHaveLength(4)
    const filled = screen.container.innerHTML
    cleanup()
    expect(stream(text, 50).container.innerHTML).toBe(filled)
  })
})
