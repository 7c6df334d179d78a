import { describe, expect, it } from 'vitest'
import { ChatGptError } from '../chatgpt-error'
import { fetchOrThrow, toNetworkError } from './network-error'

describe('toNetworkError', () => {
  it('maps TypeError (offline, DNS, TLS, CORS) to network', () => {
    const error = toNetworkError(new TypeError('Failed to fetch'))
    expect(error.code).toBe('network')
    expect(error.details.serverMessage).toBe('Failed to fetch')
  })

  it('maps AbortError to aborted', () => {
    expect(toNetworkError(new DOMException('The operation was aborted.', 'AbortError')).code).toBe('aborted')
  })

  it('treats any rejection on an aborted signal as aborted (custom abort reasons)', () => {
    const controller = new AbortController()
    controller.abort('user pressed stop')
    expect(toNetworkError('user pressed stop', controller.signal).code).toBe('aborted')
  })

  it('passes ChatGptError through and calls anything else unknown', () => {
    const original = new ChatGptError('server', 'x')
    expect(toNetworkError(original)).toBe(original)
    expect(toNetworkError(new RangeError('odd')).code).toBe('unknown')
  })
})

describe('fetchOrThrow', () => {
  it('returns responses untouched, including errors', async () => {
    const response = await fetchOrThrow(async () => new Response('no', { status: 500 }), 'https://chatgpt.com/x')
    expect(response.status).toBe(500)
  })

  it('rejects with a network ChatGptError when fetch throws', async () => {
    const failing = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch')
    }
    await expect(fetchOrThrow(failing, 'https://chatgpt.com/x')).rejects.toMatchObject({ code: 'network' })
  })
})
