/**
 * The ChatGPT web client: session → token → sentinel → (conduit) → conversation POST → decoded
 * stream. Everything environmental is injected, so the same code runs under Vitest in Node and in
 * the service worker. The POST is dispatched at most once per call: only refusals that prove the
 * server did not take the message (a missing endpoint, an expired token, a refusal of the direct
 * path by origin/bot checks, which switches that request once to a chatgpt.com tab) lead to another
 * attempt.
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
import type { Transport, TransportKind, TransportUse } from './transport/transport'
import { createTransportRouter, type RememberedRelay, type Route, type TransportMemoryArea } from './transport/transport-router'

export interface ChatGptClientDeps {
  /** The direct transport: the worker's own fetch. */
  fetch: typeof globalThis.fetch
  /** The chatgpt.com tab relay; without it, refusals of the direct path are final. */
  relay?: Transport
  /** Remembers for a while that the direct path was refused (worker-private storage). */
  transportMemory?: TransportMemoryArea
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
  /**
   * Called right before the conversation POST leaves: from here on it is never re-sent, unless the
   * server refused it before taking the message (403 origin/bot check, expired token), which is
   * the only case in which it is called again.
   */
  onDispatch?: () => void
  /** Told when this turn's requests go through a chatgpt.com tab, and why (`undefined`: back to direct). */
  onTransport?: (use: TransportUse | undefined) => void
}

/** Which transport works right now (the options page's connection check). */
export interface TransportReport {
  /** The route the next request takes; `relay` with the refusal that chose it and until when. */
  current: { kind: 'direct' } | ({ kind: 'relay' } & RememberedRelay)
  /** An authorised read on each path; never sends a message. */
  direct: ProbeResult
  relay: ProbeResult | 'not-configured'
}

export type ProbeResult = { ok: true } | { ok: false; error: ReturnType<ChatGptError['toJSON']> }

/** A step refused with 404 that is not about the conversation: try an older profile. */
class EndpointMissing extends Error {}

export function createChatGptClient(deps: ChatGptClientDeps) {
  const router = createTransportRouter({
    direct: deps.fetch,
    now: deps.now,
    ...(deps.relay ? { relay: deps.relay } : {}),
    ...(deps.transportMemory ? { memory: deps.transportMemory } : {}),
  })
  // The session is always read directly: a challenge there is passed at chatgpt.com (never relayed
  // around), and the relay attaches the tab's own token, so no token has to cross to the tab.
  const tokens = createAccessTokenSource({ fetch: deps.fetch, now: deps.now, ...(deps.tokenCache ? { cache: deps.tokenCache } : {}) })
  const sentinelFor: Record<TransportKind, ReturnType<typeof createSentinelClient>> = {
    direct: createSentinelClient({ fetch: deps.fetch, now: deps.now, random: deps.random, environment: deps.environment }),
    relay: createSentinelClient({ fetch: deps.relay ?? deps.fetch, now: deps.now, random: deps.random, environment: deps.environment }),
  }
  const sentinelCache = createSentinelCache({ now: deps.now })
  // Bundles are bound to the token they were fetched with, and to the path that fetched them.
  const cacheKey = (token: SessionToken, generation: SentinelGenerationId, route: Route) =>
    `${route.kind}:${generation}:${token.accessToken.slice(-16)}`
  // A challenge on /api/auth/session is passed at chatgpt.com, not relayed around (issue 11).
  const sessionErrors = new WeakSet<object>()
  const keepsRoute = (error: unknown) => typeof error === 'object' && error !== null && sessionErrors.has(error)
  async function sessionToken(): Promise<SessionToken> {
    try {
      return await tokens.getToken()
    } catch (error) {
      if (typeof error === 'object' && error !== null) sessionErrors.add(error)
      throw error
    }
  }
  const tokenProvider = { getToken: sessionToken, invalidate: tokens.invalidate }
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

  async function send(route: Route, url: string, init: RequestInit, context: 'sentinel' | 'conversation' | 'other'): Promise<Response> {
    let response: Response
    try {
      response = await route.fetch(url, { credentials: 'include', cache: 'no-store', ...init })
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

  async function fetchBundle(
    token: SessionToken,
    headers: Record<string, string>,
    generation: SentinelGenerationId,
    signal?: AbortSignal,
    route?: Route,
  ) {
    const fetchOn = (via: Route) =>
      sentinelFor[via.kind].fetchRequirements({ baseUrl: token.host, headers, generation, ...(signal ? { signal } : {}) })
    return route ? fetchOn(route) : router.run(fetchOn, { keepsRoute })
  }

  /** A prefetched bundle when one is ready for this token (single-use), else a fresh one. */
  async function sentinelHeaders(
    profile: ProtocolProfile,
    token: SessionToken,
    headers: Record<string, string>,
    signal: AbortSignal,
    route: Route,
  ): Promise<Pick<SentinelBundle, 'headers' | 'humanCheckRequested'>> {
    if (profile.sentinel === 'none') return { headers: {}, humanCheckRequested: false }
    const cached = await sentinelCache.claim(cacheKey(token, profile.sentinel, route))
    if (cached) return cached
    try {
      return await fetchBundle(token, headers, profile.sentinel, signal, route)
    } catch (error) {
      if (isSentinelEndpointMissing(error)) throw new EndpointMissing('sentinel')
      throw error
    }
  }

  async function postTurn(profile: ProtocolProfile, token: SessionToken, input: AskInput, route: Route): Promise<Response> {
    const headers = await baseHeaders(token)
    const zone = deps.timezone()
    const turn: TurnRequest = {
      ...input.turn,
      timezoneOffsetMin: zone.offsetMin,
      ...(zone.name ? { timezone: zone.name } : {}),
      createTimeSec: deps.now() / 1000,
    }
    const requirements = await sentinelHeaders(profile, token, headers, input.signal, route)
    const conduit: Record<string, string> = {}
    if (profile.conduitPreparePath) {
      const prepared = await send(
        route,
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
        route,
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
  async function openStream(token: SessionToken, input: AskInput, route: Route): Promise<Response> {
    rememberedProfile ??= await deps.profileMemory?.get()
    for (const profile of profilesToTry(rememberedProfile)) {
      try {
        const response = await postTurn(profile, token, input, route)
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

  /** Token → sentinel → POST on one route; an expired token is refreshed once, retried once. */
  async function openOn(route: Route, input: AskInput): Promise<Response> {
    for (let attempt = 0; ; attempt += 1) {
      const token = await sessionToken()
      try {
        return await openStream(token, input, route)
      } catch (error) {
        // An expired token is refused before the message is taken: refresh once, retry once.
        if (attempt === 0 && error instanceof ChatGptError && error.code === 'token-expired') {
          tokens.invalidate(token)
          continue
        }
        throw error
      }
    }
  }

  async function* ask(input: AskInput): AsyncGenerator<AnswerUpdate, AnswerOutcome> {
    // A 403 from origin/bot checks is a refusal before acceptance: the whole turn (fresh sentinel,
    // fresh conduit, same message ids) goes once more through a chatgpt.com tab. Once the POST is
    // answered 200 nothing is ever re-sent: the stream is decoded outside this switch.
    const response = await router.run((route) => openOn(route, input), {
      keepsRoute,
      ...(input.onTransport ? { onUse: input.onTransport } : {}),
    })
    if (!response.body) throw new ChatGptError('interrupted', 'The answer had no body.')
    return yield* decodeAnswerStream(response.body, {
      signal: input.signal,
      ...(input.idleTimeoutMs ? { idleTimeoutMs: input.idleTimeoutMs } : {}),
    })
  }

  async function getJsonOn(route: Route, path: string, init: RequestInit = {}): Promise<unknown> {
    const response = await withTokenRetry(tokenProvider, async (token) =>
      route.fetch(token.host + path, {
        credentials: 'include',
        cache: 'no-store',
        ...init,
        headers: { ...(await baseHeaders(token)), ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
      }),
    )
    if (!response.ok) throw await toChatGptError(response, 'other', deps.now)
    return response.json()
  }

  function getJson(path: string, init: RequestInit = {}): Promise<unknown> {
    return router.run((route) => getJsonOn(route, path, init), { keepsRoute })
  }

  /** One authorised read on `route`: whether that path works, sending nothing. */
  async function probe(route: Route): Promise<ProbeResult> {
    try {
      const token = await tokens.getToken()
      const response = await route.fetch(token.host + '/backend-api/models', {
        credentials: 'include',
        cache: 'no-store',
        headers: await baseHeaders(token),
      })
      if (!response.ok) throw await toChatGptError(response, 'other', deps.now)
      await response.body?.cancel().catch(() => undefined)
      return { ok: true }
    } catch (error) {
      const failure = error instanceof ChatGptError ? error : toNetworkError(error)
      return { ok: false, error: failure.toJSON() }
    }
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
      const route = await router.current()
      await sentinelCache.prefetch(cacheKey(token, generation, route), async () =>
        fetchBundle(token, await baseHeaders(token), generation, undefined, route),
      )
    },
    /**
     * Which transport works: the remembered choice, plus a session read and an authorised read on
     * each path (the relay may open a chatgpt.com tab if the user allowed it). A conversation POST
     * is never sent, so a path that reads fine can still be refused on send; `current` says
     * whether that already happened.
     */
    async checkTransports(): Promise<TransportReport> {
      const remembered = await router.remembered()
      return {
        current: remembered ? { kind: 'relay', ...remembered } : { kind: 'direct' },
        direct: await probe({ kind: 'direct', fetch: deps.fetch }),
        relay: deps.relay ? await probe({ kind: 'relay', fetch: deps.relay }) : 'not-configured',
      }
    },
    /** Forget a remembered refusal: the next request tries the direct path again. */
    retryDirect: (): Promise<void> => router.forget(),
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
