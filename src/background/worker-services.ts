/**
 * Builds the worker's objects once per worker life, with the real platform injected into the
 * pure core: fetch, clock, ids, randomness, storage, and the browser's own environment.
 */
import { createChatGptClient } from '../core/chatgpt/chatgpt-client'
import type { ProfileId } from '../core/chatgpt/protocol-profiles'
import { createDeviceIdSource } from '../core/chatgpt/session/device-id'
import { createJobJournal } from './job-journal'
import { createJobRunner } from './job-runner'
import { createKeepAlive } from './keep-alive'
import { createPortHub } from './port-hub'
import { readSentinelEnvironment } from './sentinel-environment'
import { createSettingsReader } from './settings-store'
import { localArea, sessionArea } from './storage-areas'
import { createThreadRepository } from './thread-repository'
import { createRelay } from './relay/create-relay'
import { createHistory } from './history/history-service'
import { createConversationHider } from './privacy/conversation-hider'
import browser from '../shared/platform/browser'

const now = () => Date.now()
const newId = () => crypto.randomUUID()

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => {
      clearTimeout(timer)
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'))
    }, { once: true })
  })
}

export function createWorkerServices() {
  const deviceIds = createDeviceIdSource({
    // Without the `cookies` permission the oai-did cookie is not readable; a stable id of our own
    // is what a fresh browser would present anyway.
    store: {
      get: () => localArea.get<string>('device-id'),
      set: (id) => localArea.set('device-id', id),
    },
    newId,
  })
  // When chatgpt.com refuses the worker's own requests, they go from a chatgpt.com tab (issue 11).
  const relay = createRelay({ settings: createSettingsReader(localArea), store: sessionArea })
  const client = createChatGptClient({
    fetch: (input, init) => fetch(input, init),
    relay: relay.transport,
    transportMemory: {
      get: () => sessionArea.get('transport-choice'),
      set: (value) => sessionArea.set('transport-choice', value),
      clear: () => sessionArea.remove('transport-choice'),
    },
    now,
    random: Math.random,
    newId,
    environment: readSentinelEnvironment,
    deviceId: () => deviceIds.getDeviceId(),
    language: navigator.language,
    timezone: () => ({
      offsetMin: new Date().getTimezoneOffset(),
      name: Intl.DateTimeFormat().resolvedOptions().timeZone,
    }),
    tokenCache: {
      get: () => sessionArea.get('session-token'),
      set: (value) => sessionArea.set('session-token', value),
      clear: () => sessionArea.remove('session-token'),
    },
    profileMemory: {
      get: () => localArea.get<ProfileId>('protocol-profile'),
      set: (id) => localArea.set('protocol-profile', id),
    },
  })
  const threads = createThreadRepository(localArea)
  const journal = createJobJournal(sessionArea, threads, now)
  const hub = createPortHub()
  const keepAlive = createKeepAlive()
  const settings = createSettingsReader(localArea)
  const hider = createConversationHider({ hideConversation: (id) => client.hideConversation(id), area: localArea, now })
  const runner = createJobRunner({ client, threads, journal, hub, keepAlive, settings, newId, now, sleep, hider })
  const t = (key: string, substitutions?: string | string[]) => browser.i18n.getMessage(key, substitutions) || key
  const history = createHistory({ threads, area: localArea, settings, jobs: runner, now, newId, t })
  const connectionCheck = {
    client,
    newId,
    model: async () => (await settings()).defaultModel || 'auto',
  }
  return { relay, client, threads, journal, hub, keepAlive, settings, runner, hider, history, connectionCheck }
}

export type WorkerServices = ReturnType<typeof createWorkerServices>
