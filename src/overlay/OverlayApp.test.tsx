// @vitest-environment happy-dom
import { act, cleanup, fireEvent, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { BackgroundEvent, UiRequest } from '../shared/messaging/protocol'
import { createFakePort, job, thread, type FakePort } from '../popup/test-support'
import { renderUi } from '../ui/test-i18n'
import { OverlayApp } from './OverlayApp'

// The real module imports webextension-polyfill, which throws outside an extension.
vi.mock('../shared/platform/browser', () => ({ default: {} }))

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

function setup() {
  const ports: FakePort[] = []
  const connect = () => {
    const port = createFakePort()
    ports.push(port)
    return port
  }
  const handlers = { openUrl: vi.fn(), openInTab: vi.fn(), requestClose: vi.fn() }
  const screen = renderUi(<OverlayApp threadKey="tab:7" connect={connect} {...handlers} />)
  const port = () => ports.at(-1)!
  const emit = (event: BackgroundEvent) => act(() => port().emit(event))
  const sent = (type: UiRequest['type']) => ports.flatMap((p) => p.sent).filter((r) => r.type === type)
  return { screen, port, emit, sent, ...handlers }
}

const tabThread = (jobs: Parameters<typeof thread>[0], overrides = {}) => thread(jobs, { threadKey: 'tab:7', surface: 'selection', ...overrides })

describe('OverlayApp', () => {
  it("opens the tab's thread as a selection surface, without taking the page's focus", () => {
    const { port, screen } = setup()
    expect(port().sent[0]).toEqual({ type: 'openThread', threadKey: 'tab:7', surface: 'selection' })
    expect(document.activeElement).not.toBe(screen.getByTestId('composer'))
  })

  it('streams the answer with the shared renderer and offers Stop while it runs', async () => {
    const { screen, emit, sent } = setup()
    await emit({ type: 'thread', thread: tabThread([job({ threadKey: 'tab:7', status: 'streaming', text: 'Part **one**', seq: 0 })]) })
    await emit({ type: 'delta', jobId: 'j1', seq: 1, appended: ' and two' })
    await waitFor(() => expect(screen.getByTestId('answer').textContent).toContain('Part one and two'))
    expect(screen.getByTestId('answer').querySelector('strong')?.textContent).toBe('one')
    fireEvent.click(screen.getByTestId('stop'))
    expect(sent('stop')).toEqual([{ type: 'stop', jobId: 'j1' }])
  })

  it("sends a follow-up into the tab's thread", async () => {
    const { screen, emit, sent } = setup()
    await emit({ type: 'thread', thread: tabThread([job({ threadKey: 'tab:7', status: 'complete', text: 'Done.' })], { conversationId: 'c7' }) })
    await waitFor(() => expect(screen.getByTestId('open-in-chatgpt').getAttribute('href')).toBe('https://chatgpt.com/c/c7'))
    fireEvent.input(screen.getByTestId('composer'), { target: { value: 'Tell me more' } })
    fireEvent.keyDown(screen.getByTestId('composer'), { key: 'Enter' })
    expect(sent('ask')).toEqual([{ type: 'ask', threadKey: 'tab:7', prompt: 'Tell me more' }])
  })

  it('links to ChatGPT only for a conversation kept there', async () => {
    const { screen, emit } = setup()
    await emit({ type: 'thread', thread: tabThread([job({ threadKey: 'tab:7', status: 'complete', text: 'Done.' })], { conversationId: 'c7', privacy: 'temporary' }) })
    await waitFor(() => expect(screen.getByTestId('answer').textContent).toContain('Done.'))
    expect(screen.queryByTestId('open-in-chatgpt')).toBeNull()
  })

  it('closes on Escape, but not on Escape that confirms an IME composition', () => {
    const { requestClose } = setup()
    fireEvent.keyDown(window, { key: 'Escape', isComposing: true })
    expect(requestClose).not.toHaveBeenCalled()
    fireEvent.keyDown(window, { key: 'Escape' })
    expect(requestClose).toHaveBeenCalledTimes(1)
  })

  it('says why clicks are ignored while the click gate refuses them, and stops saying it when they count again', async () => {
    const listeners = new Set<() => void>()
    const gate = { open: false, refusing: false, subscribe: (listener: () => void) => (listeners.add(listener), () => listeners.delete(listener)), stop: () => {} }
    const screen = renderUi(<OverlayApp threadKey="tab:7" connect={createFakePort} openUrl={vi.fn()} openInTab={vi.fn()} requestClose={vi.fn()} clickGate={gate} />)
    const overlay = () => screen.container.querySelector('.overlay')!
    expect(screen.queryByTestId('overlay-covered')).toBeNull()
    expect(overlay().getAttribute('data-clicks')).toBe('off')
    const flip = (state: { open: boolean; refusing: boolean }) => act(() => {
      Object.assign(gate, state)
      for (const listener of listeners) listener()
    })
    await flip({ open: false, refusing: true })
    expect(screen.getByTestId('overlay-covered').textContent).toBe('The page is covering this box, so clicks in it are ignored until it is fully visible.')
    expect(screen.getByTestId('overlay-covered').getAttribute('role')).toBe('status')
    await flip({ open: true, refusing: false })
    expect(screen.queryByTestId('overlay-covered')).toBeNull()
    expect(overlay().getAttribute('data-clicks')).toBe('on')
  })

  it('opens the thread in a tab', () => {
    const { screen, openInTab } = setup()
    fireEvent.click(screen.getByTestId('open-in-tab'))
    expect(openInTab).toHaveBeenCalledTimes(1)
  })
})
