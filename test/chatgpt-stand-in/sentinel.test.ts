import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createBrowserLikeFetch, startStandIn, UNUSUAL_ACTIVITY } from './index'
import type { BrowserLikeFetch, StandIn } from './index'
import { fnv1aHex, sha3Hex, verifyProof } from './sentinel'
import { fnv1a32Hex, requirementsToken, solveFnv, solveSha3, testConfig, wrongFnv, wrongSha3 } from './solver'
import { authHeaders, getAccessToken, readDecoded, sendTurn, solveSentinel } from './test-client'

let s: StandIn
let f: BrowserLikeFetch
let token: string

beforeAll(async () => {
  s = await startStandIn({ era: '2026' })
  f = createBrowserLikeFetch(s, { cookies: { [s.loginCookie.name]: s.loginCookie.value } })
})
afterAll(async () => {
  await f.close()
  await s.close()
})
beforeEach(async () => {
  s.reset()
  token = await getAccessToken(f)
})

const post = (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  f(`https://chatgpt.com/backend-api${path}`, { method: 'POST', headers: authHeaders(token, headers), body: JSON.stringify(body) })

describe('PoW algorithms', () => {
  it('FNV-1a + fmix32 matches the independent solver implementation and known values', () => {
    for (const input of ['', 'a', '0.123gAAAA', 'ü🚀 mixed \u2212']) expect(fnv1aHex(input)).toBe(fnv1a32Hex(input))
    // FNV-1a-32("") = 0x811c9dc5 before fmix; fmix32 of it:
    expect(fnv1aHex('')).toMatch(/^[0-9a-f]{8}$/)
    expect(sha3Hex('abc')).toBe(
      'b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0',
    )
  })

  it('verifyProof accepts solutions and rejects wrong ones', () => {
    const sha = solveSha3('0.42', '0fffff')
    expect(verifyProof(sha.token, '0.42', '0fffff', 'sha3')).toBeNull()
    expect(verifyProof(sha.token, '0.43', '00000f', 'sha3')).not.toBeNull()
    const fnv = solveFnv('0.42', '0fff')
    expect(fnv.tries).toBeLessThan(2000)
    expect(verifyProof(fnv.token, '0.42', '0fff', 'fnv1a')).toBeNull()
    expect(verifyProof(fnv.token.slice(0, -2), '0.42', '0fff', 'fnv1a')).toMatch(/~S/)
    expect(verifyProof('gAAAAABwQ8Lk5FbGpA2NcR9dShT6gYjU7VxZ4D' + Buffer.from('"e"').toString('base64'), '0.42', '0fff', 'fnv1a')).not.toBeNull()
    const noNonce = `gAAAAAB${Buffer.from(JSON.stringify(['a', 'b', 'c', 'x'])).toString('base64')}`
    expect(verifyProof(noNonce, '0.42', 'ffffff', 'sha3')).toMatch(/nonce/)
    expect(testConfig(7)[3]).toBe(7)
  })
})

describe('2024/2025 single-step chat-requirements', () => {
  beforeEach(() => s.setEra('2025'))

  it('answers the documented shape with an easy PoW', async () => {
    const res = await post('/sentinel/chat-requirements', { p: requirementsToken() })
    const r = (await res.json()) as { persona: string; token: string; proofofwork: { required: boolean; seed: string; difficulty: string }; turnstile: { required: boolean }; arkose: { required: boolean } }
    expect(r.persona).toBe('chatgpt-paid')
    expect(r.token).toMatch(/^gAAAAAB/)
    expect(r.proofofwork).toMatchObject({ required: true, difficulty: '0fffff' })
    expect(r.proofofwork.seed).toMatch(/^0\.\d+$/)
    expect(r.turnstile.required).toBe(false)
    expect(r.arkose.required).toBe(false)
  })

  it('rejects a malformed p', async () => {
    const res = await post('/sentinel/chat-requirements', { p: 'gAAAAACnot-base64!' })
    expect(res.status).toBe(403)
    expect(s.violations()).toEqual(['sentinel-p-invalid'])
  })

  it('a wrong proof is rejected with 403 unusual activity', async () => {
    const { headers, requirements } = await solveSentinel(f, '2025', token)
    const pow = requirements.proofofwork as { seed: string; difficulty: string }
    const res = await sendTurn(f, '2025', token, {
      skipSentinel: true,
      headers: { ...headers, 'openai-sentinel-proof-token': wrongSha3(pow.seed, pow.difficulty) },
    })
    expect(res.status).toBe(403)
    expect(await res.json()).toEqual({ detail: UNUSUAL_ACTIVITY })
    expect(s.violations()).toEqual(['sentinel-proof-invalid'])
    expect(s.violationDetails()[0]?.detail).toMatch(/> difficulty/)
  })

  it('missing requirements token and reused token are rejected; oneShotSentinel:false allows reuse', async () => {
    const missing = await sendTurn(f, '2025', token, { skipSentinel: true })
    expect(missing.status).toBe(403)
    const { headers } = await solveSentinel(f, '2025', token)
    const ok = await sendTurn(f, '2025', token, { skipSentinel: true, headers })
    expect(ok.status).toBe(200)
    await readDecoded(ok)
    const again = await sendTurn(f, '2025', token, { skipSentinel: true, headers })
    expect(again.status).toBe(403)
    expect(s.violations()).toEqual(['sentinel-missing', 'sentinel-reused'])

    s.setMode({ oneShotSentinel: false })
    const { headers: h2 } = await solveSentinel(f, '2025', token)
    await readDecoded(await sendTurn(f, '2025', token, { skipSentinel: true, headers: h2 }))
    const reuse = await sendTurn(f, '2025', token, { skipSentinel: true, headers: h2 })
    expect(reuse.status).toBe(200)
    await readDecoded(reuse)
  })

  it('an expired requirements token is rejected', async () => {
    s.setMode({ sentinelTtlSeconds: 0.2 })
    const { headers, requirements } = await solveSentinel(f, '2025', token)
    expect(requirements.expire_after).toBe(0.2)
    await new Promise((r) => setTimeout(r, 250))
    const res = await sendTurn(f, '2025', token, { skipSentinel: true, headers })
    expect(res.status).toBe(403)
    expect(s.violations()).toEqual(['sentinel-expired'])
  })

  it('powRequired:false needs no proof; difficulty option is honoured', async () => {
    s.setMode({ powRequired: false })
    const r = (await (await post('/sentinel/chat-requirements', { p: requirementsToken() })).json()) as { token: string; proofofwork: { required: boolean } }
    expect(r.proofofwork).toEqual({ required: false })
    const res = await sendTurn(f, '2025', token, { skipSentinel: true, headers: { 'openai-sentinel-chat-requirements-token': r.token } })
    expect(res.status).toBe(200)
    await readDecoded(res)
    s.setMode({ powRequired: true, difficulty: '1fffff' })
    const r2 = (await (await post('/sentinel/chat-requirements', { p: requirementsToken() })).json()) as { proofofwork: { difficulty: string } }
    expect(r2.proofofwork.difficulty).toBe('1fffff')
  })

  it('turnstileRequired / arkoseRequired: 403 with a human-check hint unless the header is sent', async () => {
    s.setMode({ turnstileRequired: true })
    const { headers, requirements } = await solveSentinel(f, '2025', token)
    expect((requirements.turnstile as { required: boolean; dx: string }).required).toBe(true)
    const res = await sendTurn(f, '2025', token, { skipSentinel: true, headers })
    expect(res.status).toBe(403)
    const body = (await res.json()) as { detail: string; code: string; message: string }
    expect(body.detail).toBe(UNUSUAL_ACTIVITY)
    expect(body.code).toBe('turnstile_required')
    expect(body.message).toMatch(/chatgpt\.com/)
    const { headers: h2 } = await solveSentinel(f, '2025', token)
    const ok = await sendTurn(f, '2025', token, { skipSentinel: true, headers: { ...h2, 'openai-sentinel-turnstile-token': 'dHVybnN0aWxl' } })
    expect(ok.status).toBe(200)
    await readDecoded(ok)

    s.setMode({ turnstileRequired: false, arkoseRequired: true })
    const { headers: h3 } = await solveSentinel(f, '2025', token)
    const ark = await sendTurn(f, '2025', token, { skipSentinel: true, headers: h3 })
    expect(ark.status).toBe(403)
    expect(((await ark.json()) as { code: string }).code).toBe('arkose_required')
  })
})

describe('2026 prepare/finalize', () => {
  beforeEach(() => s.setEra('2026'))

  const prepare = async (): Promise<{ prepare_token: string; proofofwork: { seed: string; difficulty: string; required: boolean } }> =>
    (await (await post('/sentinel/chat-requirements/prepare', { p: requirementsToken() })).json()) as {
      prepare_token: string
      proofofwork: { seed: string; difficulty: string; required: boolean }
    }

  it('prepare shape, finalize with a valid ~S proof gives a 540 s token', async () => {
    const p = await prepare()
    expect(p.proofofwork.difficulty).toBe('0fff')
    const res = await post('/sentinel/chat-requirements/finalize', {
      prepare_token: p.prepare_token,
      proofofwork: solveFnv(p.proofofwork.seed, p.proofofwork.difficulty).token,
    })
    const fin = (await res.json()) as { token: string; expire_after: number; expire_at: number }
    expect(fin.expire_after).toBe(540)
    expect(fin.expire_at).toBeGreaterThan(Date.now() / 1000 + 500)
    const send = await sendTurn(f, '2026', token, { skipSentinel: true, headers: { 'openai-sentinel-chat-requirements-token': fin.token } })
    expect(send.status).toBe(200)
    await readDecoded(send)
    // The finalized token is single-use.
    const again = await sendTurn(f, '2026', token, { skipSentinel: true, headers: { 'openai-sentinel-chat-requirements-token': fin.token } })
    expect(again.status).toBe(403)
    expect(s.violations()).toEqual(['sentinel-reused'])
  })

  it('wrong proof at finalize is 403; a prepare token is single-use', async () => {
    const p = await prepare()
    const bad = await post('/sentinel/chat-requirements/finalize', { prepare_token: p.prepare_token, proofofwork: wrongFnv(p.proofofwork.seed, p.proofofwork.difficulty) })
    expect(bad.status).toBe(403)
    expect(await bad.json()).toEqual({ detail: UNUSUAL_ACTIVITY })
    const again = await post('/sentinel/chat-requirements/finalize', {
      prepare_token: p.prepare_token,
      proofofwork: solveFnv(p.proofofwork.seed, p.proofofwork.difficulty).token,
    })
    expect(again.status).toBe(403)
    expect(s.violations()).toEqual(['sentinel-proof-invalid', 'sentinel-prepare-reused'])

    const p2 = await prepare()
    const noSuffix = solveFnv(p2.proofofwork.seed, p2.proofofwork.difficulty).token.slice(0, -2)
    expect((await post('/sentinel/chat-requirements/finalize', { prepare_token: p2.prepare_token, proofofwork: noSuffix })).status).toBe(403)
  })

  it('a proof header on a 2026 send, when present, must be valid', async () => {
    const { headers, requirements } = await solveSentinel(f, '2026', token)
    const pow = requirements.proofofwork as { seed: string; difficulty: string }
    const res = await sendTurn(f, '2026', token, { skipSentinel: true, headers: { ...headers, 'openai-sentinel-proof-token': wrongFnv(pow.seed, pow.difficulty) } })
    expect(res.status).toBe(403)
    expect(s.violations()).toEqual(['sentinel-proof-invalid'])
  })

  it('the 2024 single-step endpoint is 404 in 2026, and prepare is 404 in 2024', async () => {
    expect((await post('/sentinel/chat-requirements', { p: requirementsToken() })).status).toBe(404)
    s.setEra('2024')
    expect((await post('/sentinel/chat-requirements/prepare', { p: requirementsToken() })).status).toBe(404)
    s.setEra('2023')
    expect((await post('/sentinel/chat-requirements', { p: requirementsToken() })).status).toBe(404)
  })
})
