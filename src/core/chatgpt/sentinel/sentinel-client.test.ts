import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { powHash32Hex } from './pow-fnv'
import { buildConfigV2 } from './config-array'
import { createSentinelClient, isSentinelEndpointMissing, PROOF_HEADER, REQUIREMENTS_HEADER, SO_HEADER } from './sentinel-client'
import { workerLikeEnvironment } from './test-environment'

const NOW = 1_800_000_000_000
const sha3Hex = (text: string) => createHash('sha3-512').update(text, 'utf8').digest('hex')
const decode = (b64: string) => JSON.parse(Buffer.from(b64, 'base64').toString('utf8')) as unknown[]
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

interface Seen {
  url: string
  headers: Headers
  body: Record<string, unknown>
  credentials: RequestCredentials | undefined
}

function fakeServer(route: (path: string, body: Record<string, unknown>) => Response) {
  const seen: Seen[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input)
    const body = JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown>
    seen.push({ url, headers: new Headers(init?.headers), body, credentials: init?.credentials })
    return route(new URL(url).pathname, body)
  }
  return { fetch: fetch as typeof globalThis.fetch, seen }
}

const deps = (fetch: typeof globalThis.fetch) => ({ fetch, now: () => NOW, random: () => 0.5, environment: () => workerLikeEnvironment() })

describe('sentinel client, single-step (2024-25)', () => {
  it('sends p, solves SHA3 PoW, reports Turnstile without solving it', async () => {
    const server = fakeServer(() =>
      json({
        persona: 'chatgpt-freeaccount',
        token: 'gAAAAABrequirements',
        arkose: { required: false, dx: null },
        turnstile: { required: true, dx: 'ZHg=' },
        proofofwork: { required: true, seed: '0.4244812345', difficulty: '0fffff' },
      }),
    )
    const bundle = await createSentinelClient(deps(server.fetch)).fetchRequirements({
      baseUrl: 'https://chatgpt.com',
      generation: 'single-step',
      accessToken: 'tok',
      deviceId: 'dev-1',
      headers: { 'Oai-Language': 'de-DE' },
    })
    expect(server.seen).toHaveLength(1)
    const [request] = server.seen
    expect(request!.url).toBe('https://chatgpt.com/backend-api/sentinel/chat-requirements')
    expect(request!.credentials).toBe('include')
    expect(request!.headers.get('authorization')).toBe('Bearer tok')
    expect(request!.headers.get('oai-device-id')).toBe('dev-1')
    expect(request!.headers.get('oai-language')).toBe('de-DE')
    const p = String(request!.body.p)
    expect(p).toMatch(/^gAAAAAC/)
    expect(decode(p.slice(7))).toHaveLength(18)
    expect(sha3Hex('0.5' + p.slice(7)).slice(0, 6) <= '0fffff').toBe(true)

    expect(bundle.humanCheckRequested).toBe(true)
    expect(bundle.proofSolved).toBe(true)
    expect(bundle.persona).toBe('chatgpt-freeaccount')
    expect(bundle.expiresAt).toBe(NOW + 60_000)
    expect(Object.keys(bundle.headers)).toEqual([REQUIREMENTS_HEADER, PROOF_HEADER])
    expect(bundle.headers[REQUIREMENTS_HEADER]).toBe('gAAAAABrequirements')
    const proof = bundle.headers[PROOF_HEADER]!.slice(7)
    expect(sha3Hex('0.4244812345' + proof).slice(0, 6) <= '0fffff').toBe(true)
  })

  it('sends no proof header when no PoW is asked for', async () => {
    const server = fakeServer(() => json({ token: 't', proofofwork: { required: false } }))
    const bundle = await createSentinelClient(deps(server.fetch)).fetchRequirements({ baseUrl: 'https://chatgpt.com', generation: 'single-step' })
    expect(bundle.headers).toEqual({ [REQUIREMENTS_HEADER]: 't' })
    expect(bundle.humanCheckRequested).toBe(false)
  })
})

describe('sentinel client, prepare/finalize (2026)', () => {
  function twoPhase(prepare: Record<string, unknown>, finalize: Record<string, unknown> = {}) {
    return fakeServer((path) =>
      path.endsWith('/prepare')
        ? json({ persona: 'chatgpt-paid', prepare_token: 'gAAAAABprep', so: { required: false }, force_login: false, ...prepare })
        : json({ persona: 'chatgpt-paid', token: 'gAAAAABfinal', expire_after: 540, expire_at: NOW / 1000 + 600, ...finalize }),
    )
  }

  it('prepares with a plain p, solves FNV PoW, finalizes, returns all three headers', async () => {
    const server = twoPhase(
      { proofofwork: { required: true, seed: '0.77', difficulty: '0fff' }, turnstile: { required: true, dx: 'eA==' } },
      { so_token: 'so-1' },
    )
    const bundle = await createSentinelClient(deps(server.fetch)).fetchRequirements({ baseUrl: 'https://chatgpt.com', generation: 'prepare-finalize' })
    expect(server.seen.map((s) => new URL(s.url).pathname)).toEqual([
      '/backend-api/sentinel/chat-requirements/prepare',
      '/backend-api/sentinel/chat-requirements/finalize',
    ])
    const config = decode(String(server.seen[0]!.body.p).slice(7))
    expect(config).toHaveLength(25)
    expect(config[3]).toBe(1)
    // Only the caller's environment goes in: equal to a fresh build, except the two slots.
    const expected = buildConfigV2(workerLikeEnvironment(), () => 0.5)
    expect(config.filter((_, i) => i !== 3 && i !== 9)).toEqual(expected.filter((_, i) => i !== 3 && i !== 9))

    const finalizeBody = server.seen[1]!.body
    expect(Object.keys(finalizeBody).sort()).toEqual(['prepare_token', 'proofofwork']) // no turnstile, ever
    expect(finalizeBody.prepare_token).toBe('gAAAAABprep')
    const proof = String(finalizeBody.proofofwork)
    expect(proof).toMatch(/~S$/)
    expect(powHash32Hex('0.77' + proof.slice(7, -2)).slice(0, 4) <= '0fff').toBe(true)

    expect(bundle).toMatchObject({ generation: 'prepare-finalize', humanCheckRequested: true, proofSolved: true, expiresAt: NOW + 540_000 })
    expect(bundle.headers).toEqual({ [REQUIREMENTS_HEADER]: 'gAAAAABfinal', [PROOF_HEADER]: proof, [SO_HEADER]: 'so-1' })
  })

  it('finalizes without proofofwork when prepare asks for none', async () => {
    const server = twoPhase({})
    const bundle = await createSentinelClient(deps(server.fetch)).fetchRequirements({ baseUrl: 'https://chatgpt.com', generation: 'prepare-finalize' })
    expect(server.seen[1]!.body).toEqual({ prepare_token: 'gAAAAABprep' })
    expect(bundle.headers).toEqual({ [REQUIREMENTS_HEADER]: 'gAAAAABfinal' })
    expect(bundle.proofSolved).toBeUndefined()
  })

  it('takes profile overrides: anon paths and the SHA3 hash', async () => {
    const server = twoPhase({ proofofwork: { required: true, seed: 's', difficulty: '0fffff' } })
    await createSentinelClient(deps(server.fetch)).fetchRequirements({
      baseUrl: 'http://127.0.0.1:9',
      generation: 'prepare-finalize',
      strategy: {
        powAlgorithm: 'sha3',
        requirementsPath: '/backend-anon/sentinel/chat-requirements/prepare',
        finalizePath: '/backend-anon/sentinel/chat-requirements/finalize',
      },
    })
    expect(server.seen[0]!.url).toBe('http://127.0.0.1:9/backend-anon/sentinel/chat-requirements/prepare')
    const proof = String(server.seen[1]!.body.proofofwork)
    expect(proof).not.toMatch(/~S$/)
    expect(sha3Hex('s' + proof.slice(7)).slice(0, 6) <= '0fffff').toBe(true)
  })
})

describe('sentinel client failures', () => {
  const run = (response: () => Response, generation: 'single-step' | 'prepare-finalize' = 'prepare-finalize') =>
    createSentinelClient(deps(fakeServer(response).fetch)).fetchRequirements({ baseUrl: 'https://chatgpt.com', generation })

  it('force_login → not-logged-in', async () => {
    await expect(run(() => json({ force_login: true, prepare_token: 'x' }))).rejects.toMatchObject({ code: 'not-logged-in' })
  })

  it('a 404 surfaces as endpoint-missing so the caller can fall back', async () => {
    const error = await run(() => json({ detail: 'Not Found' }, 404)).catch((e: unknown) => e)
    expect(isSentinelEndpointMissing(error)).toBe(true)
    expect(error).toMatchObject({ code: 'unknown', details: { status: 404 } })
  })

  it('403 unusual activity and Cloudflare are classified, after one request', async () => {
    await expect(run(() => json({ detail: 'Unusual activity has been detected from your device. Try again later.' }, 403))).rejects.toMatchObject({ code: 'unusual-activity' })
    await expect(run(() => new Response('<html>Just a moment...</html>', { status: 403, headers: { 'content-type': 'text/html' } }))).rejects.toMatchObject({ code: 'cloudflare-check' })
  })

  it('a thrown fetch is network; a reply without a token is unknown', async () => {
    const offline = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch')
    }
    await expect(createSentinelClient(deps(offline)).fetchRequirements({ baseUrl: 'https://chatgpt.com', generation: 'single-step' })).rejects.toMatchObject({ code: 'network' })
    await expect(run(() => json({ persona: 'x' }), 'single-step')).rejects.toMatchObject({ code: 'unknown' })
    await expect(run(() => new Response('not json'), 'single-step')).rejects.toMatchObject({ code: 'unknown' })
  })
})
