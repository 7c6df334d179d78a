import { describe, expect, it } from 'vitest'
import { createAccessTokenSource } from './access-token'
import { withTokenRetry } from './with-token-retry'
import { fakeJwt, jsonResponse, scriptedFetch } from './test-helpers'

const T0 = 1_800_000_000_000
const EXPIRED = { detail: { code: 'token_expired', message: 'Your authentication token has expired. Please try refreshing it.' } }

/** A chatgpt.com stand-in: sessions hand out token-1, token-2, ...; `accepts` decides the API. */
function server(accepts: (bearer: string) => boolean) {
  let issued = 0
  const apiCalls: string[] = []
  const { fetch, calls } = scriptedFetch((url, init) => {
    if (url.endsWith('/api/auth/session')) {
      issued += 1
      return jsonResponse({ accessToken: fakeJwt({ exp: T0 / 1000 + 3600, n: issued }) })
    }
    const bearer = new Headers(init?.headers).get('authorization') ?? ''
    apiCalls.push(bearer)
    return accepts(bearer) ? jsonResponse({ ok: true }) : jsonResponse(EXPIRED, 401)
  })
  const sessionFetches = () => calls.filter((c) => c.url.endsWith('/api/auth/session')).length
  return { fetch, apiCalls, sessionFetches }
}

describe('withTokenRetry', () => {
  it('5 concurrent 401s cause exactly one refresh, and each request is retried at most once', async () => {
    const refused = { token: '' }
    const s = server((bearer) => bearer !== `Bearer ${refused.token}`)
    const tokens = createAccessTokenSource({ fetch: s.fetch, now: () => T0 })
    refused.token = (await tokens.getToken()).accessToken
    expect(s.sessionFetches()).toBe(1)

    const perRequest = [0, 0, 0, 0, 0]
    const responses = await Promise.all(
      perRequest.map((_, i) =>
        withTokenRetry(tokens, (token) => {
          perRequest[i]! += 1
          return s.fetch('https://chatgpt.com/backend-api/me', { headers: { Authorization: `Bearer ${token.accessToken}` } })
        }),
      ),
    )
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
    expect(s.sessionFetches()).toBe(2) // the initial one + exactly 1 refresh
    expect(perRequest).toEqual([2, 2, 2, 2, 2])
  })

  it('one refresh even when chatgpt.com re-issues the same JWT string and 401s arrive late', async () => {
    // The real session endpoint returns the same JWT until it nears expiry, so the refreshed
    // token equals the refused one; only identity tells the copies apart.
    const sameToken = fakeJwt({ exp: T0 / 1000 + 3600 })
    let sessions = 0
    let arrived = 0
    let release: () => void = () => undefined
    const allArrived = new Promise<void>((resolve) => (release = resolve))
    const { fetch } = scriptedFetch(async (url) => {
      if (url.endsWith('/api/auth/session')) {
        sessions += 1
        return jsonResponse({ accessToken: sameToken })
      }
      const n = (arrived += 1)
      if (n > 5) return jsonResponse({ ok: true })
      if (n === 5) release()
      await allArrived
      // Stagger the refusals so later ones land after the refresh has finished.
      await new Promise((r) => setTimeout(r, n * 15))
      return jsonResponse(EXPIRED, 401)
    })
    const tokens = createAccessTokenSource({ fetch, now: () => T0 })
    await tokens.getToken()
    const attempts = [0, 0, 0, 0, 0]
    const responses = await Promise.all(
      attempts.map((_, i) =>
        withTokenRetry(tokens, () => {
          attempts[i]! += 1
          return fetch('https://chatgpt.com/backend-api/models')
        }),
      ),
    )
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
    expect(sessions).toBe(2)
    expect(attempts).toEqual([2, 2, 2, 2, 2])
  })

  it('a second 401 is token-expired, after exactly two attempts', async () => {
    const s = server(() => false)
    const tokens = createAccessTokenSource({ fetch: s.fetch, now: () => T0 })
    let attempts = 0
    const run = withTokenRetry(tokens, (token) => {
      attempts += 1
      return s.fetch('https://chatgpt.com/backend-api/me', { headers: { Authorization: `Bearer ${token.accessToken}` } })
    })
    await expect(run).rejects.toMatchObject({ code: 'token-expired', details: { status: 401 } })
    expect(attempts).toBe(2)
    expect(s.sessionFetches()).toBe(2)
  })

  it('passes every other response through untouched', async () => {
    const s = server(() => true)
    const tokens = createAccessTokenSource({ fetch: s.fetch, now: () => T0 })
    const response = await withTokenRetry(tokens, async () => new Response('busy', { status: 429 }))
    expect(response.status).toBe(429)
    expect(s.sessionFetches()).toBe(1)
  })

  it('never puts the token in the error', async () => {
    const s = server(() => false)
    const tokens = createAccessTokenSource({ fetch: s.fetch, now: () => T0 })
    const error = await withTokenRetry(tokens, (t) => s.fetch('https://chatgpt.com/x', { headers: { Authorization: `Bearer ${t.accessToken}` } })).catch((e: unknown) => e)
    expect(JSON.stringify(error)).not.toMatch(/eyJ/)
  })
})
