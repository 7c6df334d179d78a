import { describe, expect, it } from 'vitest'
import { testT } from '../../ui/test-i18n'
import { historyToMarkdown, markdownFileName, threadToMarkdown } from './history-markdown'
import { record } from './test-records'

const AT = Date.UTC(2026, 10, 26, 8, 30)

describe('threadToMarkdown', () => {
  it('writes the header and every turn, answers exactly as stored', () => {
    const thread = record(
      'popup',
      [
        { prompt: 'What is **2+2**?', text: '**4**, see:\n\n```js\n2 + 2\n```', at: AT, model: 'gpt-5' },
        { prompt: 'And 3+3?', text: '6', at: AT + 60_000, model: 'gpt-5' },
      ],
      { title: 'Small sums', privacy: 'keep', conversationId: 'c-1' },
    )
    expect(threadToMarkdown(thread, testT)).toBe(
      [
        '# Small sums',
        '',
        '- Asked from: Toolbar popup',
        '- Model: gpt-5',
        '- Privacy: Keep in ChatGPT history',
        '- Created: 2026-11-26T08:30:00.000Z',
        '- Last used: 2026-11-26T08:31:01.000Z',
        '- ChatGPT: https://chatgpt.com/c/c-1',
        '',
        '## You',
        '',
        'What is **2+2**?',
        '',
        '## ChatGPT',
        '',
        '**4**, see:\n\n```js\n2 + 2\n```',
        '',
        '## You',
        '',
        'And 3+3?',
        '',
        '## ChatGPT',
        '',
        '6',
        '',
      ].join('\n'),
    )
  })

  it('titles by the first question, links only kept conversations, marks unfinished answers', () => {
    const thread = record('t', [{ prompt: 'first line\nsecond line', text: 'partial', at: AT, status: 'interrupted' }], {
      privacy: 'delete-after',
      conversationId: 'c-2',
    })
    const markdown = threadToMarkdown(thread, testT) ?? ''
    expect(markdown.startsWith('# first line\n')).toBe(true)
    expect(markdown).not.toContain('chatgpt.com/c/')
    expect(markdown).toContain('## ChatGPT\n\npartial\n\n_(This answer is incomplete.)_\n')
  })

  it('keeps a title on one line so it cannot add headings', () => {
    const markdown = threadToMarkdown(record('t', [{ prompt: 'q', text: 'a', at: AT }], { title: 'a\n# b' }), testT) ?? ''
    expect(markdown.split('\n')[0]).toBe('# a # b')
  })

  it('has nothing to export for a thread without questions', () => {
    expect(threadToMarkdown(record('t', []), testT)).toBeUndefined()
  })
})

describe('historyToMarkdown', () => {
  it('puts every thread newest first, separated by rules', () => {
    const older = record('a', [{ prompt: 'older', text: '1', at: AT }])
    const newer = record('b', [{ prompt: 'newer', text: '2', at: AT + 1 }])
    const all = historyToMarkdown([older, newer, record('empty', [])], testT)
    expect(all.indexOf('# newer')).toBeLessThan(all.indexOf('# older'))
    expect(all.split('\n---\n')).toHaveLength(2)
  })
})

describe('markdownFileName', () => {
  it('keeps letters of any script and drops the rest', () => {
    expect(markdownFileName('What is 2+2? / sums', 'x')).toBe('What-is-2-2-sums.md')
    expect(markdownFileName('翻译：你好 世界', 'x')).toBe('翻译-你好-世界.md')
    expect(markdownFileName('***', 'conversation')).toBe('conversation.md')
  })
})
