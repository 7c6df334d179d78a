// @vitest-environment happy-dom
import { act, cleanup, fireEvent, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { BackgroundEvent, UiRequest } from '../shared/messaging/protocol'
import { createFakePort, job, thread, type FakePort } from '../popup/test-support'
import { renderUi } from '../ui/test-i18n'
import { ChatApp, type ChatAppProps } from './ChatApp'

// The real module imports webextension-polyfill, which throws outside an extension.
vi.mock('../shared/platform/browser', () => ({ default: {} }))

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const KEY = 'chat-page:k1'

function setup(props: Partial<ChatAppProps> = {}) {
  const ports: FakePort[] = []
  const connect = () => {
    const port = createFakePort()
    ports.push(port)
    return port
  }
  const callbacks = { openUrl: vi.fn(), onNewChat: vi.fn(), onAsked: vi.fn() }
  const screen = renderUi(<ChatApp threadKey={KEY} surface="chat-page" connect={connect} {...callbacks} {...props} />)
  const port = () => ports.at(-1)!
  const emit = (event: BackgroundEvent) => act(() => port().emit(event))
  const sent = (type: UiRequest['type']) => ports.flatMap((p) => p.sent).filter((r) => r.type === type)
  const composer = () => screen.getByTestId('composer') as HTMLTextAreaElement
  return { screen, ports, port, emit, sent, composer, ...callbacks }
}

const chatThread = (jobs = [] as ReturnType<typeof job>[]) => thread(jobs, { threadKey: KEY, surface: 'chat-page' })

describe('ChatApp', () => {
  it('opens its thread as its surface', () => {
    const { port } = setup({ surface: 'omnibox', threadKey: 'omnibox:x' })
    expect(port().sent[0]).toEqual({ type: 'openThread', threadKey: 'omnibox:x', surface: 'omnibox' })
  })

  it('asks the ?q= question once the thread is open, once, and reports it taken', async () => {
    const { emit, sent, composer, onAsked } = setup({ ask: 'what is 2+2' })
    expect(sent('ask')).toEqual([]) // the worker has not opened the thread yet
    await emit({ type: 'thread', thread: chatThread() })
    await waitFor(() => expect(sent('ask')).toEqual([{ type: 'ask', threadKey: KEY, prompt: 'what is 2+2' }]))
    expect(onAsked).not.toHaveBeenCalled()
    await emit({ type: 'job', job: job({ jobId: 'a', threadKey: KEY, prompt: 'what is 2+2', status: 'requesting' }) })
    await waitFor(() => expect(onAsked).toHaveBeenCalledTimes(1))
    // More snapshots (a reconnect, a resync) never ask again.
    await emit({ type: 'thread', thread: chatThread([job({ jobId: 'a', threadKey: KEY, prompt: 'what is 2+2' })]) })
    await emit({ type: 'thread', thread: chatThread() })
    expect(sent('ask')).toHaveLength(1)
    expect(composer().value).toBe('')
  })

  it('does not ask when the thread already has questions', async () => {
    const { emit, sent } = setup({ ask: 'what is 2+2' })
    await emit({ type: 'thread', thread: chatThread([job({ threadKey: KEY, status: 'complete', text: 'four' })]) })
    await emit({ type: 'thread', thread: chatThread() })
    expect(sent('ask')).toEqual([])
  })

  it('does not ask again after the worker restarts', async () => {
    const { emit, sent, port, ports } = setup({ ask: 'q' })
    await emit({ type: 'thread', thread: chatThread() })
    await waitFor(() => expect(sent('ask')).toHaveLength(1))
    await act(() => port().drop())
    await waitFor(() => expect(ports).toHaveLength(2))
    await emit({ type: 'thread', thread: chatThread() })
    expect(sent('ask')).toHaveLength(1)
  })

  it('gives a refused question back to the user', async () => {
    const { emit, composer, onAsked, screen, sent } = setup({ ask: 'refuse me' })
    await emit({ type: 'thread', thread: chatThread() })
    await waitFor(() => expect(sent('ask')).toHaveLength(1))
    await emit({ type: 'rejected', reason: 'no' })
    await waitFor(() => expect(composer().value).toBe('refuse me'))
    expect(screen.getByText("That request couldn't be sent. Try again.")).toBeTruthy()
    expect(onAsked).not.toHaveBeenCalled()
  })

  it('offers a draft without sending it', async () => {
    const { emit, sent, composer } = setup({ draft: 'maybe sent' })
    await emit({ type: 'thread', thread: chatThread() })
    expect(composer().value).toBe('maybe sent')
    expect(sent('ask')).toEqual([])
  })

  it('sends follow-ups and starts a new chat as a new thread, not by wiping this one', async () => {
    const { emit, sent, composer, screen, onNewChat } = setup()
    await emit({ type: 'thread', thread: chatThread([job({ threadKey: KEY, status: 'complete', text: 'x' })]) })
    await waitFor(() => expect(screen.getByTestId('answer')).toBeTruthy())
    fireEvent.input(composer(), { target: { value: 'follow-up' } })
    fireEvent.keyDown(composer(), { key: 'Enter' })
    expect(sent('ask')).toEqual([{ type: 'ask', threadKey: KEY, prompt: 'follow-up' }])
    fireEvent.click(screen.getByTestId('new-chat'))
    expect(onNewChat).toHaveBeenCalledTimes(1)
    expect(sent('newChat')).toEqual([])
    expect(screen.queryByTestId('open-in-tab')).toBeNull()
  })

  it('names the tab after the conversation', async () => {
    const { emit } = setup()
    expect(document.title).toBe('Ask Anywhere')
    await emit({ type: 'thread', thread: chatThread([job({ threadKey: KEY, prompt: 'first question' })]) })
    await waitFor(() => expect(document.title).toBe('first question — Ask Anywhere'))
    await emit({ type: 'thread', thread: { ...chatThread([job({ threadKey: KEY })]), title: 'A title' } })
    await waitFor(() => expect(document.title).toBe('A title — Ask Anywhere'))
  })

  it('shows a sidebar when given one', () => {
    const { screen } = setup({ sidebar: <nav data-testid="history">threads</nav> })
    expect(screen.getByTestId('history').closest('aside')).toBeTruthy()
    cleanup()
    const { screen: without } = setup()
    expect(without.container.querySelector('aside')).toBeNull()
  })
})
