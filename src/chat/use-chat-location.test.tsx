// @vitest-environment happy-dom
import { act, cleanup, render } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { useChatLocation, type ChatLocation } from './use-chat-location'

afterEach(cleanup)

const PATH = '/src/chat/index.html'
let n = 0
const fresh = () => `chat-page:k${++n}`

function mount(url: string, state: unknown = null) {
  history.replaceState(state, '', url)
  const seen: ChatLocation[] = []
  function Probe() {
    seen.push(useChatLocation(fresh))
    return null
  }
  render(<Probe />)
  return () => seen.at(-1)!
}

describe('useChatLocation', () => {
  it('swaps ?q= for the thread key during the first render, keeping the question pending', async () => {
    const current = mount(`${PATH}?q=hello`)
    expect(current()).toMatchObject({ threadKey: `chat-page:k${n}`, ask: 'hello' })
    expect(location.search).toBe('')
    expect(location.hash).toBe(`#chat-page%3Ak${n}`)
    expect(history.state).toEqual({ pendingAsk: 'hello' })
    await act(() => current().asked())
    expect(history.state).toBeNull()
  })

  it('follows hash changes to other threads without asking', async () => {
    const current = mount(`${PATH}#omnibox%3Aa`)
    expect(current()).toMatchObject({ threadKey: 'omnibox:a' })
    await act(() => {
      location.hash = 'popup'
      window.dispatchEvent(new Event('hashchange'))
    })
    expect(current().threadKey).toBe('popup')
    expect(current().ask).toBeUndefined()
  })

  it('New chat moves to a fresh thread', async () => {
    const current = mount(`${PATH}#omnibox%3Ab`)
    await act(() => {
      current().newChat()
      window.dispatchEvent(new Event('hashchange'))
    })
    expect(current().threadKey).toBe(`chat-page:k${n}`)
    expect(location.hash).toBe(`#chat-page%3Ak${n}`)
  })
})
