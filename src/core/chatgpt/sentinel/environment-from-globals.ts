/**
 * Builds a {@link SentinelEnvironment} from objects the caller hands in (its own `navigator`,
 * `performance`, global object and, in a page, `screen`/`document`). Core never touches the
 * globals itself; the worker calls this with `self.navigator`, `self.performance`, `globalThis`.
 */
import type { SentinelEnvironment } from './environment'

export interface EnvironmentGlobals {
  navigator: { userAgent: string; language: string; languages: readonly string[]; hardwareConcurrency: number }
  performance: { now(): number; timeOrigin: number }
  global: object
  /** Epoch-ms clock, for `dateString`. */
  now: () => number
  screen?: { width: number; height: number } | null
  document?: object | null
  /** `location.search` of a page; omit in a worker. */
  search?: string
  buildId?: string | null
  scriptUrl?: string | null
  sessionId?: string | null
}

/** Reads the environment once; call it per sentinel request so time values are current. */
export function readSentinelEnvironment(g: EnvironmentGlobals): SentinelEnvironment {
  const nav = g.navigator as unknown as Record<string, unknown>
  const navigatorKeys: string[] = []
  // for…in, not Object.keys: navigator's properties live on its prototype.
  for (const key in nav) navigatorKeys.push(key)
  const memory = (g.performance as { memory?: { jsHeapSizeLimit?: unknown } }).memory
  const heap = memory?.jsHeapSizeLimit
  return {
    userAgent: g.navigator.userAgent,
    language: g.navigator.language,
    languages: [...g.navigator.languages],
    hardwareConcurrency: g.navigator.hardwareConcurrency,
    screen: g.screen ? { width: g.screen.width, height: g.screen.height } : null,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    dateString: String(new Date(g.now())),
    jsHeapSizeLimit: typeof heap === 'number' ? heap : null,
    performanceNow: () => g.performance.now(),
    timeOrigin: g.performance.timeOrigin,
    buildId: g.buildId ?? null,
    scriptUrl: g.scriptUrl ?? null,
    navigatorKeys,
    navigatorValue: (key) => {
      try {
        return String(nav[key])
      } catch {
        return ''
      }
    },
    documentKeys: g.document ? Object.keys(g.document) : [],
    windowKeys: Object.keys(g.global),
    hasGlobal: (name) => name in g.global,
    searchKeys: g.search ? [...new URLSearchParams(g.search).keys()] : [],
    sessionId: g.sessionId ?? null,
  }
}
