/**
 * Local stand-in of chatgpt.com for tests (README.md). Entry point: `startStandIn()`.
 */
import { StandInServer } from './server'
import type { StandIn, StandInOptions } from './types'

export type {
  Era,
  Fault,
  FaultKind,
  FaultMatch,
  MappingNode,
  Modes,
  RequestLogEntry,
  ScriptedAnswer,
  StandIn,
  StandInOptions,
  StoredConversation,
  StoredMessage,
  ViolationRecord,
} from './types'
export { faults, SEND, SEND_PATH, UNUSUAL_ACTIVITY, ONE_AT_A_TIME } from './faults'
export { createBrowserLikeFetch, CookieJar, TEST_EXTENSION_ORIGIN } from './fetch'
export type { BrowserLikeFetch, BrowserLikeFetchOptions } from './fetch'
export { SESSION_COOKIE } from './server'

export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const server = new StandInServer(options)
  await server.listen(options.port ?? 0)
  return server
}
