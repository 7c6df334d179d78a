// @vitest-environment happy-dom
import { act, cleanup, fireEvent, waitFor } from '@testing-library/preact'
import { Lexer } from 'marked'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { BackgroundEvent, UiRequest } from '../shared/messaging/protocol'
import { renderUi } from '../ui/test-i18n'
import { PopupApp } from './PopupApp'
import { createFakePort, job, thread, type FakePort } from './test-support'

// The real module imports webextension-polyfill, which throws outside an extension.
vi.mock('../shared/platform/browser', () => ({ default: {} }))

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

function setup(threadKey = 'popup') {
  const ports: FakePort[] = []
  const connect = () => {
    const port = createFakePort()
    ports.push(port)
    return port
  }
  const openUrl = vi.fn()
  const screen = renderUi(<PopupApp threadKey={threadKey} openUrl={openUrl} connect={connect} />)
  const port = () => ports.at(-1)!
  const emit = (event: BackgroundEvent) => act(() => port().emit(event))
  const sent = (type: UiRequest['type']) => ports.flatMap((p) => p.sent).filter((r) => r.type === type)
  const composer = () => screen.getByTestId('composer') as HTMLTextAreaElement
  const type = (text: string) => fireEvent.input(composer(), { target: { value: text } })
  return { screen, ports, port, emit, sent, composer, type, openUrl }
}

describe('PopupApp', () => {
  it('opens its thread, asks for models and account, and focuses the composer', () => {
    const { port, composer } = setup('tab-2')
    expect(port().sent).toEqual([
      { type: 'openThread', threadKey: 'tab-2', surface: 'popup' },
      { type: 'getModels' },
      { type: 'getAccountStatus' },
    ])
    expect(document.activeElement).toBe(composer())
  })

  it('shows the thread and the models the worker sends', async () => {
    const { screen, emit } = setup()
    await emit({ type: 'thread', thread: thread([job({ status: 'complete', text: '**Hi**' })], { conversationId: 'c1' }) })
    await emit({ type: 'models', models: [{ slug: 'm1', title: 'M1' }, { slug: 'm2', title: 'M2' }], defaultSlug: 'm2' })
    await waitFor(() => expect(screen.getByTestId('answer').querySelector('strong')?.textContent).toBe('Hi'))
    expect((screen.getByTestId('model-picker') as HTMLSelectElement).value).toBe('m2')
    expect(screen.getByTestId('open-in-chatgpt').getAttribute('href')).toBe('https://chatgpt.com/c/c1')
  })

  it('clears the composer only when the worker accepted the question', async () => {
    const { emit, sent, composer, type } = setup()
    await emit({ type: 'thread', thread: thread([]) })
    await emit({ type: 'models', models: [{ slug: 'm1', title: 'M1' }], defaultSlug: 'm1' })
    type('What is 2+2?')
    fireEvent.keyDown(composer(), { key: 'Enter' })
    expect(sent('ask')).toEqual([{ type: 'ask', threadKey: 'popup', prompt: 'What is 2+2?', model: 'm1' }])
    expect(composer().value).toBe('What is 2+2?')
    await emit({ type: 'job', job: job({ jobId: 'new', prompt: 'What is 2+2?', status: 'queued' }) })
    await waitFor(() => expect(composer().value).toBe(''))
  })

  it('keeps the text when the worker refuses the question', async () => {
    const { screen, emit, composer, type } = setup()
    await emit({ type: 'thread', thread: thread([]) })
    type('keep this')
    fireEvent.keyDown(composer(), { key: 'Enter' })
    await emit({ type: 'rejected', reason: 'not logged in' })
    await waitFor(() => expect(screen.getByText("That request couldn't be sent. Try again.")).toBeTruthy())
    expect(composer().value).toBe('keep this')
  })

  it('keeps the text when the port is down', async () => {
    const { screen, port, composer, type } = setup()
    await act(() => port().drop())
    expect(screen.getByText('Reconnecting…')).toBeTruthy()
    type('offline question')
    fireEvent.keyDown(composer(), { key: 'Enter' })
    await waitFor(() => expect(screen.getByText("That request couldn't be sent. Try again.")).toBeTruthy())
    expect(composer().value).toBe('offline question')
  })

  it('applies a burst of deltas in one render', async () => {
    const { screen, emit, port } = setup()
    await emit({ type: 'thread', thread: thread([job({ seq: 0 })]) })
    await waitFor(() => expect(screen.getByTestId('answer')).toBeTruthy())
    const lex = vi.spyOn(Lexer, 'lex')
    await act(() => {
      for (let seq = 1; seq <= 50; seq++) port().emit({ type: 'delta', jobId: 'j1', seq, appended: `w${seq} ` })
    })
    await waitFor(() => expect(screen.getByTestId('answer').textContent).toContain('w50'))
    expect(screen.getByTestId('answer').textContent).toContain('w1 w2 w3')
    expect(lex.mock.calls.length).toBeLessThanOrEqual(2)
  })

  it('re-opens the thread when a delta gap shows something was missed', async () => {
    const { emit, sent } = setup()
    await emit({ type: 'thread', thread: thread([job({ seq: 0 })]) })
    await emit({ type: 'delta', jobId: 'j1', seq: 1, appended: 'a' })
    await emit({ type: 'delta', jobId: 'j1', seq: 5, appended: 'e' })
    await waitFor(() => expect(sent('openThread')).toHaveLength(2))
  })

  it('reconnects after the service worker restarts and re-opens the thread', async () => {
    const { screen, ports, port } = setup()
    await act(() => port().drop())
    await waitFor(() => expect(ports).toHaveLength(2))
    expect(port().sent[0]).toEqual({ type: 'openThread', threadKey: 'popup', surface: 'popup' })
    expect(screen.queryByText('Reconnecting…')).toBeNull()
  })

  it('shows the login notice when logged out, opening chatgpt.com through the surface', async () => {
    const { screen, emit, openUrl } = setup()
    await emit({ type: 'accountStatus', status: { loggedIn: false, error: { code: 'not-logged-in', message: 'no session' } } })
    expect(screen.getByTestId('error-notice').getAttribute('data-code')).toBe('not-logged-in')
    fireEvent.click(screen.getByTestId('error-action'))
    expect(openUrl).toHaveBeenCalledWith('https://chatgpt.com/auth/login')
  })

  it('sends stop, regenerate, continue, retry and new chat', async () => {
    const { screen, emit, sent } = setup()
    await emit({
      type: 'thread',
      thread: thread([job({ jobId: 'a', status: 'failed', error: { code: 'network', message: '' } }), job({ jobId: 'b', status: 'complete', text: 'x', finishReason: 'max_tokens' })]),
    })
    await waitFor(() => expect(screen.getByTestId('regenerate')).toBeTruthy())
    fireEvent.click(screen.getByTestId('regenerate'))
    fireEvent.click(screen.getByTestId('continue'))
    fireEvent.click(screen.getByTestId('error-action'))
    fireEvent.click(screen.getByTestId('new-chat'))
    expect(sent('regenerate')).toEqual([{ type: 'regenerate', threadKey: 'popup' }])
    expect(sent('continue')).toEqual([{ type: 'continue', threadKey: 'popup' }])
    expect(sent('retry')).toEqual([{ type: 'retry', jobId: 'a' }])
    expect(sent('newChat')).toEqual([{ type: 'newChat', threadKey: 'popup' }])
    await emit({ type: 'job', job: job({ jobId: 'c', status: 'streaming' }) })
    await waitFor(() => expect(screen.getByTestId('stop')).toBeTruthy())
    fireEvent.click(screen.getByTestId('stop'))
    expect(sent('stop')).toEqual([{ type: 'stop', jobId: 'c' }])
  })

  it('opens its own thread in a tab', () => {
    const openInTab = vi.fn()
    const screen = renderUi(<PopupApp threadKey="tab-2" openUrl={vi.fn()} openInTab={openInTab} connect={createFakePort} />)
    fireEvent.click(screen.getByTestId('open-in-tab'))
    expect(openInTab).toHaveBeenCalledWith('tab-2')
  })

  it('prewarms once when the user starts typing', () => {
    const { sent, type } = setup()
    type('h')
    type('he')
    type('hel')
    expect(sent('prewarm')).toHaveLength(1)
  })
})
