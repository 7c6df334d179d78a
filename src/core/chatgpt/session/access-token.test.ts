import { describe, expect, it } from 'vitest'
import { createAccessTokenSource, type StoredToken, type TokenCacheArea } from './access-token'
import { fakeJwt, jsonResponse, scriptedFetch } from './test-helpers'

const T0 = 1_800_000_000_000
const HOUR = 3_600_000
const tokenExpiringAt = (ms: number, id = 'x') =>
  fakeJwt({ exp: ms / 1000, jti: id, 'https://api.openai.com/auth': { chatgpt_account_id: 'acc-1', user_id: 'user-1' } })
const session = (accessToken: string) => jsonResponse({ user: { id: 'user-1', email: 'me@example.com' }, accessToken, account: { planType: 'plus' } })

function clock(start = T0) {
  let t = start
  return { now: () => t, advance: (ms: number) => void (t += ms) }
}

function memoryArea(initial?: StoredToken): TokenCacheArea & { value: StoredToken | undefined } {
  const area = {
    value: initial,
    get: async () => area.value,
    set: async (v: StoredToken) => void (area.value = v),
    clear: async () => void (area.value = undefined),
  }
  return area
}

describe('createAccessTokenSource', () => {
  it('reads the token from chatgpt.com with cookies and no HTTP cache', async () => {
    const token = tokenExpiringAt(T0 + HOUR)
    const { fetch, calls } = scriptedFetch(() => session(token))
    const source = createAccessTokenSource({ fetch, now: clock().now })
    await expect(source.getToken()).resolves.toEqual({
      accessToken: token, expiresAt: T0 + HOUR, host: 'https://chatgpt.com', accountId: 'acc-1', userId: 'user-1',
    })
    expect(calls).toHaveLength(1)
    expect(calls[0]!.url).toBe('https://chatgpt.com/api/auth/session')
    expect(calls[0]!.init).toMatchObject({ credentials: 'include', cache: 'no-store' })
  })

  it('falls back to chat.openai.com when chatgpt.com says {}', async () => {
    const token = tokenExpiringAt(T0 + HOUR)
    const { fetch, calls } = scriptedFetch((url) => (url.startsWith('https://chatgpt.com') ? jsonResponse({}) : session(token)))
    const got = await createAccessTokenSource({ fetch, now: clock().now }).getToken()
    expect(got.host).toBe('https://chat.openai.com')
    expect(calls.map((c) => c.url)).toEqual(['https://chatgpt.com/api/auth/session', 'https://chat.openai.com/api/auth/session'])
  })

  it('is not-logged-in when both hosts say {} (or the fallback is unreachable)', async () => {
    const empty = scriptedFetch(() => jsonResponse({}))
    await expect(createAccessTokenSource({ fetch: empty.fetch, now: clock().now }).getToken()).rejects.toMatchObject({ code: 'not-logged-in' })
    const unreachable = scriptedFetch((url) => {
      if (url.startsWith('https://chat.openai.com')) throw new TypeError('Failed to fetch')
      return jsonResponse({})
    })
    await expect(createAccessTokenSource({ fetch: unreachable.fetch, now: clock().now }).getToken()).rejects.toMatchObject({ code: 'not-logged-in' })
  })

  it('maps a 403 challenge to cloudflare-check without asking the other host', async () => {
    const { fetch, calls } = scriptedFetch(() =>
      new Response('<html><title>Just a moment...</title></html>', { status: 403, headers: { 'content-type': 'text/html', 'cf-mitigated': 'challenge' } }),
    )
    await expect(createAccessTokenSource({ fetch, now: clock().now }).getToken()).rejects.toMatchObject({ code: 'cloudflare-check', details: { status: 403 } })
    expect(calls).toHaveLength(1)
  })

  it('maps a thrown fetch to network and does not cache the failure', async () => {
    let offline = true
    const { fetch, calls } = scriptedFetch(() => {
      if (offline) throw new TypeError('Failed to fetch')
      return session(tokenExpiringAt(T0 + HOUR))
    })
    const source = createAccessTokenSource({ fetch, now: clock().now })
    await expect(source.getToken()).rejects.toMatchObject({ code: 'network' })
    offline = false
    await expect(source.getToken()).resolves.toMatchObject({ host: 'https://chatgpt.com' })
    expect(calls).toHaveLength(2)
  })

  it('caches until less than the refresh margin remains', async () => {
    const c = clock()
    let n = 0
    const { fetch, calls } = scriptedFetch(() => session(tokenExpiringAt(c.now() + HOUR, String((n += 1)))))
    const source = createAccessTokenSource({ fetch, now: c.now, refreshMarginMs: 7 * 60_000 })
    const first = await source.getToken()
    c.advance(HOUR - 7 * 60_000 - 1) // 7 min + 1 ms left: still fresh
    expect(await source.getToken()).toBe(first)
    expect(calls).toHaveLength(1)
    c.advance(1) // exactly 7 min left: refresh
    expect((await source.getToken()).accessToken).not.toBe(first.accessToken)
    expect(calls).toHaveLength(2)
  })

  it('shares one fetch among 5 concurrent callers', async () => {
    const { fetch, calls } = scriptedFetch(() => session(tokenExpiringAt(T0 + HOUR)))
    const source = createAccessTokenSource({ fetch, now: clock().now })
    const tokens = await Promise.all(Array.from({ length: 5 }, () => source.getToken()))
    expect(calls).toHaveLength(1)
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1)
  })

  it('invalidate(token) only drops the cache while it still holds that token', async () => {
    let n = 0
    const { fetch, calls } = scriptedFetch(() => session(tokenExpiringAt(T0 + HOUR, String((n += 1)))))
    const source = createAccessTokenSource({ fetch, now: clock().now })
    const old = await source.getToken()
    source.invalidate(old.accessToken)
    const renewed = await source.getToken()
    source.invalidate(old.accessToken) // a late 401 for the old token
    expect(await source.getToken()).toBe(renewed)
    expect(calls).toHaveLength(2)
  })

  it('invalidate(object) tells a re-issued copy of the same JWT from the refused one', async () => {
    const same = tokenExpiringAt(T0 + HOUR)
    const { fetch, calls } = scriptedFetch(() => session(same))
    const source = createAccessTokenSource({ fetch, now: clock().now })
    const used = await source.getToken()
    source.invalidate(used)
    const refreshed = await source.getToken()
    expect(refreshed.accessToken).toBe(used.accessToken)
    source.invalidate(used) // a late 401 for the copy used before the refresh
    expect(await source.getToken()).toBe(refreshed)
    expect(calls).toHaveLength(2)
    source.invalidate(refreshed) // refused again after the refresh: really gone
    await source.getToken()
    expect(calls).toHaveLength(3)
  })

  it('reuses a fresh stored token across worker restarts and never a refused one', async () => {
    const stored: StoredToken = { accessToken: tokenExpiringAt(T0 + HOUR, 'stored'), expiresAt: T0 + HOUR, host: 'https://chatgpt.com' }
    const area = memoryArea(stored)
    const { fetch, calls } = scriptedFetch(() => session(tokenExpiringAt(T0 + HOUR, 'fresh')))
    const source = createAccessTokenSource({ fetch, now: clock().now, cache: area })
    expect(await source.getToken()).toEqual(stored)
    expect(calls).toHaveLength(0)

    source.invalidate(stored.accessToken)
    const renewed = await source.getToken()
    expect(renewed.accessToken).not.toBe(stored.accessToken)
    expect(calls).toHaveLength(1)
    await Promise.resolve()
    await new Promise((r) => setTimeout(r, 0))
    expect(area.value?.accessToken).toBe(renewed.accessToken)
  })

  it('ignores an expired stored token', async () => {
    const area = memoryArea({ accessToken: 'old', expiresAt: T0 + 60_000, host: 'https://chatgpt.com' })
    const { fetch, calls } = scriptedFetch(() => session(tokenExpiringAt(T0 + HOUR)))
    await createAccessTokenSource({ fetch, now: clock().now, cache: area }).getToken()
    expect(calls).toHaveLength(1)
  })

  it('gives session info without the credential', async () => {
    const { fetch } = scriptedFetch(() => session(tokenExpiringAt(T0 + HOUR)))
    const info = await createAccessTokenSource({ fetch, now: clock().now }).getSessionInfo()
    expect(info).toEqual({ host: 'https://chatgpt.com', expiresAt: T0 + HOUR, userId: 'user-1', accountId: 'acc-1', planType: 'plus', email: 'me@example.com' })
    expect(JSON.stringify(info)).not.toMatch(/eyJ/)
  })

  it('keeps a token without exp for about a minute', async () => {
    const c = clock()
    const { fetch, calls } = scriptedFetch(() => session('opaque-token'))
    const source = createAccessTokenSource({ fetch, now: c.now })
    await source.getToken()
    c.advance(59_000)
    await source.getToken()
    expect(calls).toHaveLength(1)
    c.advance(2_000)
    await source.getToken()
    expect(calls).toHaveLength(2)
  })
})
