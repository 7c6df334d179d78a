import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createBrowserLikeFetch, startStandIn } from './index'
import type { StandIn } from './index'
import { authHeaders, getAccessToken } from './test-client'

let s: StandIn

beforeAll(async () => {
  s = await startStandIn({ era: '2026' })
})
afterAll(async () => {
  await s.close()
})
beforeEach(() => s.reset())

const login = (): Record<string, string> => ({ [s.loginCookie.name]: s.loginCookie.value })
const decodeJwt = (t: string): Record<string, unknown> => JSON.parse(Buffer.from(t.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>

describe('GET /api/auth/session', () => {
  it('logged in: user, expires, account and a real three-part JWT', async () => {
    const f = createBrowserLikeFetch(s, { cookies: login() })
    const res = await f('https://chatgpt.com/api/auth/session')
    expect(res.status).toBe(200)
    const body = (await res.json()) as { user: { id: string; email: string }; expires: string; accessToken: string; authProvider: string; account: { planType: string } }
    expect(body.user.id).toMatch(/^user-/)
    expect(body.authProvider).toBe('auth0')
    expect(body.account.planType).toBe('plus')
    expect(Date.parse(body.expires)).toBeGreaterThan(Date.now())
    expect(body.accessToken.split('.')).toHaveLength(3)
    const claims = decodeJwt(body.accessToken)
    expect(claims.exp).toBeTypeOf('number')
    expect(claims.iat).toBeTypeOf('number')
    expect((claims['https://api.openai.com/auth'] as { user_id: string }).user_id).toBe(body.user.id)
    expect((claims.exp as number) - (claims.iat as number)).toBeGreaterThan(9 * 24 * 3600)
    // The browser jar stored the Set-Cookie of the response.
    expect(f.jar.get('chatgpt.com', '__cf_bm')).toBeTruthy()
    const log = s.log.at(-1)
    expect(log?.cookies[s.loginCookie.name]).toBe(s.loginCookie.value)
    expect(log?.host).toBe('chatgpt.com')
    await f.close()
  })

  it('chunked session cookie (.0 + .1) logs in', async () => {
    const v = s.loginCookie.value
    const f = createBrowserLikeFetch(s, { cookies: { [`${s.loginCookie.name}.0`]: v.slice(0, 400), [`${s.loginCookie.name}.1`]: v.slice(400) } })
    expect(await getAccessToken(f)).toMatch(/^eyJ/)
    await f.close()
  })

  it('a wrong chunk concatenation is logged out', async () => {
    const v = s.loginCookie.value
    const f = createBrowserLikeFetch(s, { cookies: { [`${s.loginCookie.name}.0`]: v.slice(400), [`${s.loginCookie.name}.1`]: v.slice(0, 400) } })
    expect(await (await f('https://chatgpt.com/api/auth/session')).json()).toEqual({})
    await f.close()
  })

  it('no cookie => {}; loggedIn:false => {} even with the cookie', async () => {
    const anon = createBrowserLikeFetch(s)
    expect(await (await anon('https://chatgpt.com/api/auth/session')).json()).toEqual({})
    const f = createBrowserLikeFetch(s, { cookies: login() })
    s.setMode({ loggedIn: false })
    expect(await (await f('https://chatgpt.com/api/auth/session')).json()).toEqual({})
    await anon.close()
    await f.close()
  })

  it('a cookie only on chat.openai.com works on that host (fallback host)', async () => {
    const f = createBrowserLikeFetch(s, { cookiesByHost: { 'chat.openai.com': login() } })
    expect(await (await f('https://chatgpt.com/api/auth/session')).json()).toEqual({})
    const token = await getAccessToken(f, 'chat.openai.com')
    const me = await f('https://chat.openai.com/backend-api/me', { headers: authHeaders(token) })
    expect(me.status).toBe(200)
    expect(s.log.at(-1)?.host).toBe('chat.openai.com')
    await f.close()
  })

  it('cloudflare mode: 403 HTML "Just a moment..." with cf-mitigated: challenge on session and backend', async () => {
    const f = createBrowserLikeFetch(s, { cookies: login() })
    const token = await getAccessToken(f)
    s.setMode({ cloudflare: true })
    for (const url of ['https://chatgpt.com/api/auth/session', 'https://chatgpt.com/backend-api/models']) {
      const res = await f(url, { headers: authHeaders(token) })
      expect(res.status).toBe(403)
      expect(res.headers.get('cf-mitigated')).toBe('challenge')
      expect(res.headers.get('content-type')).toContain('text/html')
      const html = await res.text()
      expect(html).toContain('<title>Just a moment...</title>')
      expect(html).toContain('cf-please-wait')
    }
    s.setMode({ cloudflare: false })
    expect((await f('https://chatgpt.com/backend-api/models', { headers: authHeaders(token) })).status).toBe(200)
    await f.close()
  })
})

describe('bearer tokens on /backend-api', () => {
  it('missing, garbage, and forged tokens are 401', async () => {
    const f = createBrowserLikeFetch(s, { cookies: login() })
    const missing = await f('https://chatgpt.com/backend-api/me')
    expect(missing.status).toBe(401)
    const garbage = await f('https://chatgpt.com/backend-api/me', { headers: { authorization: 'Bearer not-a-jwt' } })
    expect(garbage.status).toBe(401)
    expect(((await garbage.json()) as { detail: string }).detail).toContain('Could not parse your authentication token')
    const token = await getAccessToken(f)
    const [h, , sig] = token.split('.')
    const forged = `${h}.${Buffer.from(JSON.stringify({ exp: 9e9 })).toString('base64url')}.${sig}`
    expect((await f('https://chatgpt.com/backend-api/me', { headers: authHeaders(forged) })).status).toBe(401)
    await f.close()
  })

  it('expired tokens get token_expired; the session then issues a fresh one', async () => {
    const f = createBrowserLikeFetch(s, { cookies: login() })
    s.setTokenTtlSeconds(0.3)
    const token = await getAccessToken(f)
    expect((await f('https://chatgpt.com/backend-api/me', { headers: authHeaders(token) })).status).toBe(200)
    await new Promise((r) => setTimeout(r, 350))
    const res = await f('https://chatgpt.com/backend-api/me', { headers: authHeaders(token) })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({
      detail: { code: 'token_expired', message: 'Your authentication token has expired. Please try refreshing it.' },
    })
    s.setTokenTtlSeconds(3600)
    const fresh = await getAccessToken(f)
    expect(fresh).not.toBe(token)
    expect((await f('https://chatgpt.com/backend-api/me', { headers: authHeaders(fresh) })).status).toBe(200)
    await f.close()
  })

  it('the session keeps returning the same token while it is valid', async () => {
    const f = createBrowserLikeFetch(s, { cookies: login() })
    expect(await getAccessToken(f)).toBe(await getAccessToken(f))
    await f.close()
  })
})

describe('browser-like fetch', () => {
  it('sends the extension Origin on POST only, drops a caller Cookie header, honours credentials:omit', async () => {
    const f = createBrowserLikeFetch(s, { cookies: login() })
    await f('https://chatgpt.com/api/auth/session', { headers: { cookie: 'evil=1' } })
    const get = s.log.at(-1)
    expect(get?.headers.origin).toBeUndefined()
    expect(get?.cookies.evil).toBeUndefined()
    expect(get?.cookies[s.loginCookie.name]).toBe(s.loginCookie.value)
    await f('https://chatgpt.com/backend-api/stop_conversation', { method: 'POST', body: '{}' })
    expect(s.log.at(-1)?.headers.origin).toBe('chrome-extension://test-extension-id')
    await f('https://chatgpt.com/api/auth/session', { credentials: 'omit' })
    expect(s.log.at(-1)?.headers.cookie).toBeUndefined()
    // GET / sets oai-did like the real page does; the jar keeps it.
    await f('https://chatgpt.com/')
    expect(f.jar.get('chatgpt.com', 'oai-did')).toMatch(/^[0-9a-f-]{36}$/)
    await f.close()
  })
})
