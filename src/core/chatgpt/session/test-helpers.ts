/** Test-only helpers: fake JWTs and a scripted `fetch` that records its calls. */
export function fakeJwt(payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(payload)}.c2lnbmF0dXJl`
}

export interface RecordedCall {
  url: string
  init: RequestInit | undefined
}

/** A `fetch` whose answers come from `respond`; every call is recorded. */
export function scriptedFetch(respond: (url: string, init: RequestInit | undefined, call: number) => Response | Promise<Response>) {
  const calls: RecordedCall[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    calls.push({ url, init })
    await Promise.resolve()
    return respond(url, init, calls.length)
  }
  return { fetch: fetch as typeof globalThis.fetch, calls }
}

export const jsonResponse = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
