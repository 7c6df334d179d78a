/**
 * The ChatGPT web client: session → token → sentinel → (conduit) → conversation POST → decoded
 * stream. Everything environmental is injected, so the same code runs under Vitest in Node and in
 * the service worker. The POST is dispatched at most once per call: only refusals that prove the
 * server did not take the message (a missing endpoint, an expired token) lead to another attempt.
 */
import type { AnswerOutcome, AnswerUpdate } from './answer-update'
import { ChatGptError } from './chatgpt-error'
import { buildConversationBody, buildPrepareBody, type TurnRequest } from './conversation-request'
import { toChatGptError } from './http/classify-response'
import { toNetworkError } from './http/network-error'
import { CHATGPT_HOST } from './http/endpoints'
import { profilesToTry, type ProfileId, type ProtocolProfile } from './protocol-profiles'
import { createAccessTokenSource, type SessionToken, type TokenCacheArea } from './session/access-token'
import { withTokenRetry } from './session/with-token-retry'
import { createSentinelClient, isSentinelEndpointMissing, type SentinelBundle } from './sentinel/sentinel-client'
import type { SentinelEnvironment } from './sentinel/environment'
import { createSentinelCache } from './sentinel/sentinel-cache'
import type { SentinelGenerationId } from './sentinel/strategies'
import { decodeAnswerStream } from './stream/decode-answer-stream'
import { readFinishedAnswer, type ConversationSnapshot } from './conversation-snapshot'
import type { ModelOption } from './models'
import { parseModels } from './models'

export interface ChatGptClientDeps {
  fetch: typeof globalThis.fetch
  now: () => number
  random: () => number
  newId: () => string
  environment: () => SentinelEnvironment
  deviceId: () => Promise<string>
  /** Browser language for `Oai-Language`. */
  language: string
  timezone: () => { offsetMin: number; name?: string }
  tokenCache?: TokenCacheArea
  /** Remembers which protocol profile worked, across worker restarts. */
  profileMemory?: { get(): Promise<ProfileId | undefined>; set(id: ProfileId): Promise<void> }
}

export interface AskInput {
  turn: Omit<TurnRequest, 'timezoneOffsetMin' | 'timezone' | 'createTimeSec'>
  signal: AbortSignal
  /** Give the stream up after this long without a byte (F6): `StreamStalledError`. */
  idleTimeoutMs?: number
  /** Called right before the conversation POST leaves: from here on it is never re-sent. */
  onDispatch?: () => void
}

/** A step refused with 404 that is not about the conversation: try an older profile. */
class EndpointMissing extends Error {}

export function createChatGptClient(deps: ChatGptClientDeps) {
  const tokens = createAccessTokenSource({ fetch: deps.fetch, now: deps.now, ...(deps.tokenCache ? { cache: deps.tokenCache } : {}) })
  const sentinel = createSentinelClient({ fetch: deps.fetch, now: deps.now, random: deps.random, environment: deps.environment })
  const sentinelCache = createSentinelCache({ now: deps.now })
  // Bundles are bound to the token they were fetched with.
  const cacheKey = (token: SessionToken, generation: SentinelGenerationId) => `${generation}:${token.accessToken.slice(-16)}`
  let rememberedProfile: ProfileId | undefined

  async function baseHeaders(token: SessionToken): Promise<Record<string, string>> {
    return {
      Authorization: `Bearer ${token.accessToken}`,
      'Oai-Device-Id': await deps.deviceId(),
      'Oai-Language': deps.language,
      // No ChatGPT-Account-Id: it selects a Team/Enterprise workspace (the `_account` cookie),
      // which this client does not read; personal accounts send none.
    }
  }

  async function send(url: string, init: RequestInit, context: 'sentinel' | 'conversation' | 'other'): Promise<Response> {
    let response: Response
    try {
      response = await deps.fetch(url, { credentials: 'include', cache: 'no-store', ...init })
    } catch (error) {
      throw toNetworkError(error, init.signal ?? undefined)
    }
    if (response.ok) return response
    if (response.status === 404 && context !== 'conversation') throw new EndpointMissing(url)
    const error = await toChatGptError(response, context, deps.now)
    if (response.status === 404 && context === 'conversation' && error.code !== 'conversation-not-found') {
      throw new EndpointMissing(url)
    }
    throw error
  }

  function fetchBundle(token: SessionToken, headers: Record<string, string>, generation: SentinelGenerationId, signal?: AbortSignal) {
    return sentinel.fetchRequirements({ baseUrl: token.host, headers, generation, ...(signal ? { signal } : {}) })
  }

  /** A prefetched bundle when one is ready for this token (single-use), else a fresh one. */
  async function sentinelHeaders(
    profile: ProtocolProfile,
    token: SessionToken,
    headers: Record<string, string>,
    signal: AbortSignal,
  ): Promise<Pick<SentinelBundle, 'headers' | 'humanCheckRequested'>> {
    if (profile.sentinel === 'none') return { headers: {}, humanCheckRequested: false }
    const cached = await sentinelCache.claim(cacheKey(token, profile.sentinel))
    if (cached) return cached
    try {
      return await fetchBundle(token, headers, profile.sentinel, signal)
    } catch (error) {
      if (isSentinelEndpointMissing(error)) throw new EndpointMissing('sentinel')
      throw error
    }
  }

  async function postTurn(profile: ProtocolProfile, token: SessionToken, input: AskInput): Promise<Response> {
    const headers = await baseHeaders(token)
    const zone = deps.timezone()
    const turn: TurnRequest = {
      ...input.turn,
      timezoneOffsetMin: zone.offsetMin,
      ...(zone.name ? { timezone: zone.name } : {}),
      createTimeSec: deps.now() / 1000,
    }
    const requirements = await sentinelHeaders(profile, token, headers, input.signal)
    const conduit: Record<string, string> = {}
    if (profile.conduitPreparePath) {
      const prepared = await send(
        token.host + profile.conduitPreparePath,
        {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json', 'X-Conduit-Token': 'no-token' },
          body: JSON.stringify(buildPrepareBody(profile, turn)),
          signal: input.signal,
        },
        'other',
      )
      const body = (await prepared.json()) as { conduit_token?: unknown }
      if (typeof body.conduit_token === 'string') conduit['X-Conduit-Token'] = body.conduit_token
    }
    input.onDispatch?.()
    try {
      return await send(
        token.host + profile.sendPath,
        {
          method: 'POST',
          headers: {
            ...headers,
            ...requirements.headers,
            ...conduit,
            'Content-Type': 'application/json',
            Accept: 'text/event-stream',
          },
          body: JSON.stringify(buildConversationBody(profile, turn)),
          signal: input.signal,
        },
        'conversation',
      )
    } catch (error) {
      // The server asked for a human check we never solve: say so, and let the UI hand off.
      if (requirements.humanCheckRequested && error instanceof ChatGptError && error.code === 'unusual-activity') {
        throw new ChatGptError('human-check-required', 'ChatGPT wants a human check for this request.', error.details)
      }
      throw error
    }
  }

  /** Tries profiles until one is not missing; remembers it. */
  async function openStream(token: SessionToken, input: AskInput): Promise<Response> {
    rememberedProfile ??= await deps.profileMemory?.get()
    for (const profile of profilesToTry(rememberedProfile)) {
      try {
        const response = await postTurn(profile, token, input)
        if (rememberedProfile !== profile.id) {
          rememberedProfile = profile.id
          await deps.profileMemory?.set(profile.id)
        }
        return response
      } catch (error) {
        if (!(error instanceof EndpointMissing)) throw error
      }
    }
    throw new ChatGptError('server', 'chatgpt.com offered none of the send paths this version knows.', { status: 404 })
  }

  async function* ask(input: AskInput): AsyncGenerator<AnswerUpdate, AnswerOutcome> {
    let response: Response | undefined
    for (let attempt = 0; !response; attempt += 1) {
      const token = await tokens.getToken()
      try {
        response = await openStream(token, input)
      } catch (error) {
        // An expired token is refused before the message is taken: refresh once, retry once.
        if (attempt === 0 && error instanceof ChatGptError && error.code === 'token-expired') {
          tokens.invalidate(token)
          continue
        }
        throw error
      }
    }
    if (!response.body) throw new ChatGptError('interrupted', 'The answer had no body.')
    return yield* decodeAnswerStream(response.body, {
      signal: input.signal,
      ...(input.idleTimeoutMs ? { idleTimeoutMs: input.idleTimeoutMs } : {}),
    })
  }

  async function getJson(path: string, init: RequestInit = {}): Promise<unknown> {
    const response = await withTokenRetry(tokens, async (token) =>
      deps.fetch(token.host + path, {
        credentials: 'include',
        cache: 'no-store',
        ...init,
        headers: { ...(await baseHeaders(token)), ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
      }),
    )
    if (!response.ok) throw await toChatGptError(response, 'other', deps.now)
    return response.json()
  }

  return {
    ask,
    /** Session check without sending anything: resolves when a token is available. */
    async checkSession(): Promise<void> {
      await tokens.getToken()
    },
    /** Warm the token and a sentinel bundle while the user types. */
    async prewarm(): Promise<void> {
      const token = await tokens.getToken()
      const profile = profilesToTry(rememberedProfile ?? (await deps.profileMemory?.get()))[0]
      if (!profile || profile.sentinel === 'none') return
      const generation = profile.sentinel
      await sentinelCache.prefetch(cacheKey(token, generation), async () => fetchBundle(token, await baseHeaders(token), generation))
    },
    async getModels(): Promise<{ models: ModelOption[]; defaultSlug?: string }> {
      return parseModels(await getJson('/backend-api/models'))
    },
    /** The server's view of a conversation: how interrupted answers are recovered, never by re-sending. */
    async readAnswer(conversationId: string, messageId?: string) {
      const snapshot = (await getJson(`/backend-api/conversation/${encodeURIComponent(conversationId)}`)) as ConversationSnapshot
      return readFinishedAnswer(snapshot, messageId)
    },
    /**
     * The connection check's first steps, each on its own so the options page can name the one
     * that fails. Each asks the server afresh; the test question is an ordinary `ask`.
     */
    diagnose: {
      /** A fresh `/api/auth/session` that carries an access token (the cached one is dropped). */
      async session(): Promise<void> {
        tokens.invalidate()
        await tokens.getToken()
      },
      /** The backend accepts that token. */
      async token(): Promise<void> {
        await getJson('/backend-api/me')
      },
      /** The sentinel of the newest generation chatgpt.com still serves; 'not-needed' if none. */
      async sentinel(): Promise<'passed' | 'not-needed'> {
        const token = await tokens.getToken()
        for (const profile of profilesToTry(rememberedProfile ?? (await deps.profileMemory?.get()))) {
          if (profile.sentinel === 'none') return 'not-needed'
          try {
            await fetchBundle(token, await baseHeaders(token), profile.sentinel)
            return 'passed'
          } catch (error) {
            if (!isSentinelEndpointMissing(error)) throw error
          }
        }
        return 'not-needed'
      },
    },
    /** "Delete after use": hide the conversation from the ChatGPT sidebar. */
    async hideConversation(conversationId: string): Promise<void> {
      await getJson(`/backend-api/conversation/${encodeURIComponent(conversationId)}`, {
        method: 'PATCH',
        body: JSON.stringify({ is_visible: false }),
      })
    },
    host: CHATGPT_HOST,
  }
}

export type ChatGptClient = ReturnType<typeof createChatGptClient>
