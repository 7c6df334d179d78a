/**
 * The sentinel's view of this browser, read from the worker's own globals at the moment of each
 * request: real user agent, languages, cores, clock and time zone. Nothing is forged; a worker has
 * no screen or document, and says so (null / empty).
 */
import { readSentinelEnvironment as fromGlobals } from '../core/chatgpt/sentinel/environment-from-globals'
import type { SentinelEnvironment } from '../core/chatgpt/sentinel/environment'

export function readSentinelEnvironment(): SentinelEnvironment {
  return fromGlobals({ navigator, performance, global: globalThis, now: Date.now, screen: null, document: null })
}
