/**
 * Fetches the sentinel headers a conversation POST needs, for either generation (single-step
 * chat-requirements, or 2026 prepare → PoW → finalize). Proof of work is computed honestly from
 * the caller's real environment. Turnstile/Arkose are never solved: the bundle only reports that
 * they were asked for, so the caller can say "continue on chatgpt.com" if the send is refused.
 */
import { ChatGptError, isChatGptError } from '../chatgpt-error'
import { toChatGptError } from '../http/classify-response'
import { fetchOrThrow } from '../http/network-error'
import { parseJsonOrUndefined, readBoundedText } from '../http/read-bounded'
import { buildConfig, type ConfigArray } from './config-array'
import type { SentinelEnvironment } from './environment'
import { solveFnvPow } from './pow-fnv'
import type { PowSearchOptions, PowSolution } from './pow-search'
import { sha3RequirementsToken, solveSha3Pow } from './pow-sha3'
import { plainRequirementsToken } from './requirements-token'
import { readRequirementsReply, type RequirementsReply } from './sentinel-wire'
import { resolveStrategy, type SentinelGenerationId, type SentinelStrategy } from './strategies'

/** Header name → value, merged into the conversation POST. */
export type SentinelHeaders = Record<string, string>

export interface SentinelBundle {
  generation: SentinelGenerationId
  headers: SentinelHeaders
  /** The server asked for Turnstile/Arkose; we went on without (a soft requirement). */
  humanCheckRequested: boolean
  /** Epoch ms after which the requirements token is no longer accepted. */
  expiresAt: number
  /** false when PoW was asked for but not solved within the bound (fallback token sent). */
  proofSolved?: boolean
  persona?: string
}

export interface SentinelClientDeps {
  /** Plain fetch; authorisation comes in per call, so the caller can wrap refresh/retry. */
  fetch: typeof globalThis.fetch
  now: () => number
  random: () => number
  environment: () => SentinelEnvironment
  /** Solver tuning (bound, yielding); `now` defaults to `deps.now`. */
  pow?: Partial<PowSearchOptions>
}

export interface SentinelRequest {
  /** Origin, e.g. the token's `host`. */
  baseUrl: string
  generation: SentinelGenerationId
  /** Headers for both POSTs: `Authorization`, `Oai-Device-Id`, `Oai-Language`, … */
  headers?: Record<string, string>
  /** Shorthands merged into `headers`. */
  accessToken?: string
  deviceId?: string
  /** Profile overrides: paths (`/backend-anon/…`), PoW hash, config version. */
  strategy?: Partial<Omit<SentinelStrategy, 'id'>>
  signal?: AbortSignal
}

export const REQUIREMENTS_HEADER = 'Openai-Sentinel-Chat-Requirements-Token'
export const PROOF_HEADER = 'Openai-Sentinel-Proof-Token'
export const SO_HEADER = 'OpenAI-Sentinel-SO-Token'

/** True for the 404 a backend without this sentinel path answers: try another profile. */
export function isSentinelEndpointMissing(error: unknown): boolean {
  return isChatGptError(error) && error.code === 'unknown' && error.details.status === 404
}

type Challenge = NonNullable<RequirementsReply['pow']>
const signalOf = (r: { signal?: AbortSignal | undefined }) => (r.signal ? { signal: r.signal } : {})

/** Creates the client; one per worker is enough (it holds no state). */
export function createSentinelClient(deps: SentinelClientDeps) {
  async function post(url: string, body: unknown, request: SentinelRequest): Promise<RequirementsReply> {
    // Headers, not an object spread: a caller's `content-type` must replace ours, not double it.
    const headers = new Headers(request.headers)
    headers.set('Content-Type', 'application/json')
    if (!headers.has('Accept')) headers.set('Accept', '*/*')
    if (request.accessToken) headers.set('Authorization', `Bearer ${request.accessToken}`)
    if (request.deviceId) headers.set('Oai-Device-Id', request.deviceId)
    const init: RequestInit = { method: 'POST', credentials: 'include', cache: 'no-store', headers, body: JSON.stringify(body) }
    if (request.signal) init.signal = request.signal
    const response = await fetchOrThrow(deps.fetch, url, init)
    if (!response.ok) throw await toChatGptError(response, 'sentinel', deps.now)
    // Turnstile programs (`dx`) can be tens of KiB; 1 MiB is far above any real reply.
    const parsed = parseJsonOrUndefined(await readBoundedText(response, 1024 * 1024))
    if (typeof parsed !== 'object' || parsed === null) {
      throw new ChatGptError('unknown', 'chatgpt.com sent an unreadable sentinel reply.', { status: response.status })
    }
    const reply = readRequirementsReply(parsed)
    if (reply.forceLogin) throw new ChatGptError('not-logged-in', 'chatgpt.com asks to log in.', { status: response.status })
    return reply
  }

  function solve(strategy: SentinelStrategy, pow: Challenge, config: ConfigArray, signal?: AbortSignal): Promise<PowSolution> {
    const options: PowSearchOptions = { now: deps.now, ...deps.pow, ...signalOf({ signal }) }
    const solver = strategy.powAlgorithm === 'fnv' ? solveFnvPow : solveSha3Pow
    return solver(pow.seed, pow.difficulty, config, options)
  }

  /** Runs the generation's steps and returns the headers for one conversation POST. */
  async function fetchRequirements(request: SentinelRequest): Promise<SentinelBundle> {
    const strategy = resolveStrategy(request.generation, request.strategy)
    const built = deps.now()
    const config = buildConfig(strategy.configVersion, deps.environment(), deps.random)
    const p =
      strategy.requirementsToken === 'sha3-search'
        ? await sha3RequirementsToken(config, { now: deps.now, ...deps.pow, random: deps.random, ...signalOf(request) })
        : plainRequirementsToken(config, deps.now() - built)

    const first = await post(request.baseUrl + strategy.requirementsPath, { p }, request)
    const proof = first.pow ? await solve(strategy, first.pow, config, request.signal) : undefined
    let final = first
    if (strategy.finalizePath) {
      if (!first.prepareToken) throw new ChatGptError('unknown', 'The sentinel prepare reply had no prepare_token.')
      const body = { prepare_token: first.prepareToken, ...(proof ? { proofofwork: proof.token } : {}) }
      final = await post(request.baseUrl + strategy.finalizePath, body, request)
    }
    if (!final.token) throw new ChatGptError('unknown', 'The sentinel reply had no requirements token.')

    const headers: SentinelHeaders = { [REQUIREMENTS_HEADER]: final.token }
    if (proof) headers[PROOF_HEADER] = proof.token
    if (final.soToken) headers[SO_HEADER] = final.soToken
    const bundle: SentinelBundle = {
      generation: strategy.id,
      headers,
      humanCheckRequested: first.humanCheckRequested || final.humanCheckRequested,
      expiresAt: expiryOf(final, strategy, deps.now()),
    }
    if (proof) bundle.proofSolved = proof.solved
    const persona = final.persona ?? first.persona
    if (persona) bundle.persona = persona
    return bundle
  }

  return { fetchRequirements }
}

export type SentinelClient = ReturnType<typeof createSentinelClient>

// expire_after is relative, so it is immune to a wrong local clock; prefer it over expire_at.
function expiryOf(reply: RequirementsReply, strategy: SentinelStrategy, now: number): number {
  if (reply.expireAfterSec !== undefined) return now + reply.expireAfterSec * 1000
  if (reply.expireAtSec !== undefined) return reply.expireAtSec * 1000
  return now + strategy.defaultTtlSec * 1000
}
