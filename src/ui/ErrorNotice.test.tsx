// @vitest-environment happy-dom
import { cleanup, fireEvent } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChatGptErrorCode } from '../core/chatgpt/chatgpt-error'
import { ErrorNotice } from './ErrorNotice'
import { formatClock } from './format-clock'
import { renderUi } from './test-i18n'
import { ALL_ERROR_CODES, errorFixture } from './ui-fixtures'

afterEach(cleanup)

const PROMPT = 'Why is the sky blue? & more'

function setup(code: ChatGptErrorCode, now = Date.now()) {
  const callbacks = { onOpenUrl: vi.fn(), onRetry: vi.fn(), onNewChat: vi.fn() }
  const screen = renderUi(<ErrorNotice error={errorFixture(code, now)} prompt={PROMPT} {...callbacks} />)
  const click = () => fireEvent.click(screen.getByTestId('error-action'))
  return { screen, click, ...callbacks }
}

/** What each code must say (a fragment) and do. */
const EXPECTED: Record<ChatGptErrorCode, { text: RegExp; action?: string; opens?: string; calls?: 'onRetry' | 'onNewChat' }> = {
  'not-logged-in': { text: /not logged in/, action: 'Log in to ChatGPT', opens: 'https://chatgpt.com/auth/login' },
  'cloudflare-check': { text: /check that you're human/, action: 'Pass the security check', opens: 'https://chatgpt.com' },
  'human-check-required': { text: /human check/, action: 'Continue on chatgpt.com', opens: `https://chatgpt.com/?q=${encodeURIComponent(PROMPT)}` },
  'unusual-activity': { text: /unusual activity/, action: 'Continue on chatgpt.com', opens: `https://chatgpt.com/?q=${encodeURIComponent(PROMPT)}` },
  'relay-unavailable': { text: /Open chatgpt\.com in a tab.*or allow Ask Anywhere to open one/, action: 'Open chatgpt.com', opens: 'https://chatgpt.com' },
  'token-expired': { text: /expired/, action: 'Log in to ChatGPT', opens: 'https://chatgpt.com/auth/login' },
  'rate-limited': { text: /^Limit reached — try again at /, action: 'Retry', calls: 'onRetry' },
  'one-at-a-time': { text: /^Waiting for the other answer to finish$/, action: 'Retry', calls: 'onRetry' },
  'conversation-not-found': { text: /no longer exists/, action: 'New chat', calls: 'onNewChat' },
  'too-long': { text: /too long\. Shorten/ },
  moderation: { text: /content policy/ },
  network: { text: /Can't reach ChatGPT/, action: 'Retry', calls: 'onRetry' },
  server: { text: /having trouble/, action: 'Retry', calls: 'onRetry' },
  interrupted: { text: /cut off/, action: 'Retry', calls: 'onRetry' },
  aborted: { text: /^Stopped\.$/ },
  unknown: { text: /Something went wrong/, action: 'Retry', calls: 'onRetry' },
}

describe('ErrorNotice', () => {
  it.each(ALL_ERROR_CODES)('maps %s to its words and one action', (code) => {
    const expected = EXPECTED[code]
    const { screen, click, onOpenUrl, onRetry, onNewChat } = setup(code)
    const notice = screen.getByTestId('error-notice')
    expect(notice.getAttribute('data-code')).toBe(code)
    expect(notice.querySelector('.notice-message')?.textContent).toMatch(expected.text)
    if (!expected.action) {
      expect(screen.queryByTestId('error-action')).toBeNull()
      return
    }
    expect(screen.getByTestId('error-action').textContent).toBe(expected.action)
    click()
    if (expected.opens) expect(onOpenUrl).toHaveBeenCalledWith(expected.opens)
    else expect(onOpenUrl).not.toHaveBeenCalled()
    expect(onRetry).toHaveBeenCalledTimes(expected.calls === 'onRetry' ? 1 : 0)
    expect(onNewChat).toHaveBeenCalledTimes(expected.calls === 'onNewChat' ? 1 : 0)
  })

  it('gives the rate limit reset as a local clock time', () => {
    const now = new Date(2026, 0, 5, 9, 0).getTime()
    vi.useFakeTimers({ now, toFake: ['Date'] })
    try {
      const { screen } = setup('rate-limited', now)
      const at = formatClock(now + 60 * 60 * 1000, now)
      expect(at).toMatch(/10.00/)
      expect(screen.getByTestId('error-notice').textContent).toContain(`try again at ${at}`)
    } finally {
      vi.useRealTimers()
    }
  })

  it('says "later" when the rate limit has no reset time', () => {
    const screen = renderUi(<ErrorNotice error={{ code: 'rate-limited', message: '' }} onOpenUrl={vi.fn()} />)
    expect(screen.getByTestId('error-notice').textContent).toContain('try again later')
  })

  it('retries once when the window regains focus after the security check', () => {
    const { click, onOpenUrl, onRetry } = setup('cloudflare-check')
    click()
    expect(onOpenUrl).toHaveBeenCalledWith('https://chatgpt.com')
    expect(onRetry).not.toHaveBeenCalled()
    window.dispatchEvent(new Event('focus'))
    window.dispatchEvent(new Event('focus'))
    expect(onRetry).toHaveBeenCalledTimes(1)
  })

  it('stops waiting for focus when the notice goes away', async () => {
    const { screen, click, onRetry } = setup('cloudflare-check')
    click()
    screen.unmount()
    // preact 11 runs effect cleanups of unmounted components after the current task.
    await new Promise((resolve) => setTimeout(resolve, 20))
    window.dispatchEvent(new Event('focus'))
    expect(onRetry).not.toHaveBeenCalled()
  })

  it('hides Retry where the surface gives no retry callback', () => {
    const screen = renderUi(<ErrorNotice error={{ code: 'network', message: '' }} onOpenUrl={vi.fn()} />)
    expect(screen.queryByTestId('error-action')).toBeNull()
  })

  it('shows the server text as secondary detail, as text', () => {
    const screen = renderUi(<ErrorNotice error={{ code: 'server', message: '', serverMessage: '<b>Bad</b> gateway' }} onOpenUrl={vi.fn()} />)
    expect(screen.getByTestId('error-notice').querySelector('.notice-detail')?.textContent).toBe('<b>Bad</b> gateway')
    expect(screen.getByTestId('error-notice').querySelector('b')).toBeNull()
  })

  it('treats an unknown code from a newer worker as unknown', () => {
    const error = JSON.parse('{"code":"brand-new","message":""}') as never
    const screen = renderUi(<ErrorNotice error={error} onOpenUrl={vi.fn()} onRetry={vi.fn()} />)
    expect(screen.getByTestId('error-action').textContent).toBe('Retry')
  })
})
