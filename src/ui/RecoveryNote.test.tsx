// @vitest-environment happy-dom
import { cleanup, fireEvent } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { formatClock } from './format-clock'
import { JobStatusNote } from './JobStatusNote'
import { RecoveryNote } from './RecoveryNote'
import { renderUi } from './test-i18n'
import type { JobView } from './view-types'

afterEach(cleanup)

const job = (extra: Partial<JobView>): JobView => ({ jobId: 'j', prompt: 'q', status: 'complete', text: 'answer', ...extra })

describe('RecoveryNote', () => {
  it('says nothing for an answer that streamed normally', () => {
    const screen = renderUi(<RecoveryNote job={job({})} onCheckResult={vi.fn()} />)
    expect(screen.queryByTestId('job-recovery-note')).toBeNull()
  })

  it.each([
    ['worker-restart', 'streaming', /extension restarted — getting the answer/],
    ['worker-restart', 'complete', /^Recovered after the extension restarted\.$/],
    ['browser-restart', 'complete', /^Recovered after the browser restarted\.$/],
    ['stalled', 'complete', /connection stalled; the full answer was read/],
    ['cut', 'complete', /connection dropped; the full answer was read/],
    ['worker-restart', 'interrupted', /extension restarted before this answer was complete/],
    ['browser-restart', 'interrupted', /browser closed before this answer was complete/],
    ['stalled', 'interrupted', /connection stalled: no data/],
  ] as const)('%s, %s: says what happened', (recovery, status, text) => {
    const screen = renderUi(<RecoveryNote job={job({ recovery, status, conversationId: 'c' })} />)
    const note = screen.getByTestId('job-recovery-note')
    expect(note.getAttribute('data-recovery')).toBe(recovery)
    expect(note.querySelector('p')?.textContent).toMatch(text)
  })

  it('offers Check result for an interrupted answer ChatGPT may have, and reports an empty check', () => {
    const onCheckResult = vi.fn()
    const checkedAt = Date.now()
    const screen = renderUi(<RecoveryNote job={job({ status: 'interrupted', recovery: 'browser-restart', conversationId: 'c', checkedAt })} onCheckResult={onCheckResult} />)
    fireEvent.click(screen.getByTestId('check-result'))
    expect(onCheckResult).toHaveBeenCalledTimes(1)
    expect(screen.getByTestId('check-result').textContent).toBe('Check result')
    expect(screen.getByTestId('job-recovery-note').textContent).toContain(`Checked at ${formatClock(checkedAt)}`)
  })

  it('offers no check without a conversation to look in, or without a handler', () => {
    expect(renderUi(<RecoveryNote job={job({ status: 'interrupted', recovery: 'worker-restart' })} onCheckResult={vi.fn()} />).queryByTestId('check-result')).toBeNull()
    cleanup()
    expect(renderUi(<RecoveryNote job={job({ status: 'interrupted', recovery: 'cut', conversationId: 'c' })} />).queryByTestId('job-recovery-note')).toBeNull()
  })
})

describe('JobStatusNote while rate limited', () => {
  it('says when the worker tries again by itself', () => {
    const retryAt = Date.now() + 2_000
    const screen = renderUi(<JobStatusNote job={job({ status: 'queued', text: '', retryAt })} onRetry={vi.fn()} onOpenUrl={vi.fn()} onNewChat={vi.fn()} />)
    expect(screen.getByRole('status').textContent).toBe(`Rate limit reached — trying again at ${formatClock(retryAt)}`)
  })
})
