/** The sentinel environment of the Node process running the tests: its real values, no browser. */
import { availableParallelism } from 'node:os'
import { performance } from 'node:perf_hooks'
import { readSentinelEnvironment } from '../../src/core/chatgpt/sentinel/environment-from-globals'
import type { SentinelEnvironment } from '../../src/core/chatgpt/sentinel/environment'

const language = Intl.DateTimeFormat().resolvedOptions().locale
const nodeNavigator = {
  userAgent: `Node.js/${process.versions.node}`,
  language,
  languages: [language],
  hardwareConcurrency: availableParallelism(),
}

export function nodeSentinelEnvironment(): SentinelEnvironment {
  return readSentinelEnvironment({ navigator: nodeNavigator, performance, global: globalThis, now: Date.now })
}
