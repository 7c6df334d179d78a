import { describe, expect, it, vi } from 'vitest'
import type { Runtime } from '../../shared/platform/browser'

vi.mock('../../shared/platform/browser', () => ({ default: { runtime: { id: 'our-extension' } } }))
const { createRelayPorts, isRelaySender, RELAY_PORT_PREFIX } = await import('./relay-ports')

const TAB = 7
const relaySender = (): Runtime.MessageSender & { origin?: string } => ({
  id: 'our-extension',
  url: 'https://chatgpt.com/c/abc',
  origin: 'https://chatgpt.com',
  frameId: 0,
  tab: { id: TAB, index: 0, highlighted: false, active: false, pinned: false, incognito: false },
})

function fakePort(name: string, sender: Runtime.MessageSender | undefined) {
  const port = { name, sender, disconnected: 0, disconnect: () => void (port.disconnected += 1) }
  return port as typeof port & Runtime.Port
}

describe('relay ports', () => {
  it('accepts the expected one-time name from the top frame of that chatgpt.com tab', async () => {
    const ports = createRelayPorts()
    const expected = ports.expect(TAB)
    expect(expected.name.startsWith(RELAY_PORT_PREFIX)).toBe(true)
    const port = fakePort(expected.name, relaySender())
    expect(ports.accept(port)).toBe(true)
    expect(await expected.port).toBe(port)
    expect(port.disconnected).toBe(0)
    // The name is spent: a second connection under it is dropped.
    const again = fakePort(expected.name, relaySender())
    expect(ports.accept(again)).toBe(true)
    expect(again.disconnected).toBe(1)
  })

  it.each([
    ['another extension', { id: 'someone-else' }],
    ['another tab', { tab: { ...relaySender().tab!, id: TAB + 1 } }],
    ['a child frame', { frameId: 3 }],
    ['another origin', { url: 'https://evil.example/', origin: 'https://evil.example' }],
    ['an opaque origin on a chatgpt.com URL', { origin: 'null' }],
    ['no tab', { tab: undefined }],
  ])('drops a port from %s and keeps waiting for the real one', async (_, override) => {
    const ports = createRelayPorts()
    const expected = ports.expect(TAB)
    const sender = { ...relaySender(), ...override }
    expect(isRelaySender(sender, TAB)).toBe(false)
    const forged = fakePort(expected.name, sender)
    expect(ports.accept(forged)).toBe(true)
    expect(forged.disconnected).toBe(1)
    const real = fakePort(expected.name, relaySender())
    ports.accept(real)
    expect(await expected.port).toBe(real)
  })

  it('drops relay-named ports nobody is waiting for, and leaves other ports alone', () => {
    const ports = createRelayPorts()
    const stray = fakePort(`${RELAY_PORT_PREFIX}guessed`, relaySender())
    expect(ports.accept(stray)).toBe(true)
    expect(stray.disconnected).toBe(1)
    const ui = fakePort('ask-anywhere-ui', relaySender())
    expect(ports.accept(ui)).toBe(false)
    expect(ui.disconnected).toBe(0)
  })

  it('a cancelled or timed-out wait rejects and forgets the name', async () => {
    vi.useFakeTimers()
    try {
      const ports = createRelayPorts()
      const cancelled = ports.expect(TAB)
      cancelled.cancel()
      await expect(cancelled.port).rejects.toThrow()
      const late = ports.expect(TAB)
      vi.advanceTimersByTime(10_000)
      await expect(late.port).rejects.toThrow(/did not answer/)
      const port = fakePort(late.name, relaySender())
      ports.accept(port)
      expect(port.disconnected).toBe(1)
    } finally {
      vi.useRealTimers()
    }
  })
})
