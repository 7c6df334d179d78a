// @vitest-environment happy-dom
import { act, cleanup, fireEvent } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ChatThread } from './ChatThread'
import { renderUi } from './test-i18n'
import { ALL_ERROR_CODES, ALL_STATUSES, EMPTY_THREAD, jobFixture, threadFixture, errorThreadFixture } from './ui-fixtures'
import type { ThreadViewModel } from './view-types'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

function setup(thread: ThreadViewModel | undefined) {
  const callbacks = { onRegenerate: vi.fn(), onContinue: vi.fn(), onRetry: vi.fn(), onOpenUrl: vi.fn(), onNewChat: vi.fn() }
  const screen = renderUi(<ChatThread thread={thread} {...callbacks} />)
  const last = () => screen.getAllByTestId('answer').at(-1)!
  return { screen, last, ...callbacks }
}

describe('ChatThread', () => {
  it.each(ALL_STATUSES)('renders a %s job with its prompt, status and job id', (status) => {
    const thread = threadFixture(status)
    const { screen, last } = setup(thread)
    expect(screen.getAllByTestId('prompt')).toHaveLength(2)
    expect(last().getAttribute('data-status')).toBe(status)
    expect(last().getAttribute('data-job-id')).toBe(thread.jobs[1]?.jobId)
  })

  it('says a queued job is waiting for the other answer', () => {
    const { screen } = setup(threadFixture('queued'))
    expect(screen.getByText('Waiting for the other answer to finish')).toBeTruthy()
  })

  it('shows that a requested job is starting', () => {
    const { screen } = setup(threadFixture('requesting'))
    expect(screen.getByRole('status').textContent).toBe('Asking ChatGPT…')
  })

  it('makes the streaming answer a polite live region, and only that one', () => {
    const { screen, last } = setup(threadFixture('streaming', { text: 'Partial **answer' }))
    expect(last().getAttribute('aria-live')).toBe('polite')
    expect(screen.getAllByTestId('answer')[0]?.getAttribute('aria-live')).toBeNull()
    expect(last().textContent).toContain('Partial')
    expect(screen.queryByTestId('regenerate')).toBeNull()
    // Only the earlier, complete answer has actions.
    expect(screen.getAllByTestId('copy-answer')).toHaveLength(1)
  })

  it('renders the answer as markdown', () => {
    const { last } = setup(threadFixture('complete'))
    expect(last().querySelector('h2')?.textContent).toBe('Summary')
    expect(last().querySelector('table')).not.toBeNull()
  })

  it('offers Copy and Regenerate on the last complete answer, Copy only on earlier ones', () => {
    const { screen, onRegenerate } = setup(threadFixture('complete'))
    expect(screen.getAllByTestId('copy-answer')).toHaveLength(2)
    expect(screen.getAllByTestId('regenerate')).toHaveLength(1)
    fireEvent.click(screen.getByTestId('regenerate'))
    expect(onRegenerate).toHaveBeenCalledTimes(1)
    expect(screen.queryByTestId('continue')).toBeNull()
  })

  it('offers Continue when the answer stopped at the length limit', () => {
    const { screen, onContinue } = setup(threadFixture('complete', { finishReason: 'max_tokens' }))
    fireEvent.click(screen.getByTestId('continue'))
    expect(onContinue).toHaveBeenCalledTimes(1)
  })

  it('copies the whole answer text', async () => {
    const writeText = vi.fn(() => Promise.resolve())
    vi.stubGlobal('navigator', { clipboard: { writeText } })
    const thread = threadFixture('complete', { text: 'the *answer*' })
    const { screen } = setup(thread)
    await act(async () => {
      fireEvent.click(screen.getAllByTestId('copy-answer').at(-1)!)
      await Promise.resolve()
    })
    expect(writeText).toHaveBeenCalledWith('the *answer*')
  })

  it('shows a failed job through ErrorNotice, retrying that job', () => {
    const thread = threadFixture('failed')
    const { screen, onRetry } = setup(thread)
    expect(screen.getByTestId('error-notice').getAttribute('data-code')).toBe('network')
    fireEvent.click(screen.getByTestId('error-action'))
    expect(onRetry).toHaveBeenCalledWith(thread.jobs[1]?.jobId)
  })

  it.each(ALL_ERROR_CODES)('shows a job failed with %s', (code) => {
    const { screen } = setup(errorThreadFixture(code))
    expect(screen.getByTestId('error-notice').getAttribute('data-code')).toBe(code)
  })

  it('notes an interrupted answer, keeps its text, and offers Retry', () => {
    const { screen, last } = setup(threadFixture('interrupted', { text: 'half an ans' }))
    expect(last().textContent).toContain('half an ans')
    expect(screen.getByTestId('error-notice').getAttribute('data-code')).toBe('interrupted')
    expect(screen.getByTestId('error-action').textContent).toBe('Retry')
    expect(screen.getByTestId('regenerate')).toBeTruthy()
  })

  it('notes a stopped answer', () => {
    const { screen } = setup(threadFixture('stopped', { text: 'partial' }))
    expect(screen.getByText('Stopped.')).toBeTruthy()
    expect(screen.queryByTestId('error-notice')).toBeNull()
  })

  it('greets an empty thread', () => {
    const { screen } = setup(EMPTY_THREAD)
    expect(screen.queryAllByTestId('answer')).toHaveLength(0)
    expect(screen.getByText('What can I help with?')).toBeTruthy()
  })

  it('shows the prompt as text, never as markup', () => {
    const { screen } = setup({ threadKey: 'k', jobs: [jobFixture('complete', { prompt: '<img src=x onerror=alert(1)> **hi**' })] })
    expect(screen.getByTestId('prompt').textContent).toContain('<img src=x onerror=alert(1)> **hi**')
    expect(screen.getByTestId('prompt').querySelector('img, strong')).toBeNull()
  })

  it('follows the bottom when a size changes while the reader is there, and stays put after they scroll up', () => {
    const observers: { callback: () => void; targets: Element[] }[] = []
    vi.stubGlobal(
      'ResizeObserver',
      class {
        targets: Element[] = []
        constructor(callback: () => void) {
          observers.push({ callback, targets: this.targets })
        }
        observe(target: Element) {
          this.targets.push(target)
        }
        disconnect() {
          this.targets.length = 0
        }
      },
    )
    const { screen } = setup(threadFixture('streaming', { text: 'Partial' }))
    const box = screen.container.querySelector<HTMLElement>('.thread')!
    let height = 1000
    Object.defineProperty(box, 'scrollHeight', { get: () => height })
    Object.defineProperty(box, 'clientHeight', { get: () => 400 })
    const observer = observers[0]!
    // It watches the scroller (it may shrink) and its content (it grows).
    expect(observer.targets).toEqual([box, box.firstElementChild])
    observer.callback()
    expect(box.scrollTop).toBe(1000)
    height = 1500
    observer.callback()
    expect(box.scrollTop).toBe(1500)
    // The reader scrolls up to read: growth no longer moves the view.
    box.scrollTop = 200
    fireEvent.scroll(box)
    height = 2000
    observer.callback()
    expect(box.scrollTop).toBe(200)
    // Back near the bottom: followed again.
    box.scrollTop = 1580
    fireEvent.scroll(box)
    height = 2500
    observer.callback()
    expect(box.scrollTop).toBe(2500)
  })
})
