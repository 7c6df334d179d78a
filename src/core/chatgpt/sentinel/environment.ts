/**
 * The real facts about the calling browser context that the sentinel config arrays carry
 * (protocol.md §5.2–5.3). The caller reads them from its own `navigator`, `performance` and
 * `globalThis` (see environment-from-globals.ts); nothing here is invented or borrowed from
 * another browser. Where the context lacks something (a service worker has no screen and no
 * document) the honest value is `null` or an empty list.
 */
export interface SentinelEnvironment {
  userAgent: string
  language: string
  languages: readonly string[]
  hardwareConcurrency: number
  /** `null` in a service worker, which has no screen. */
  screen: { width: number; height: number } | null
  /** IANA zone name, e.g. `Europe/Berlin`; `dateString` must be in the same zone. */
  timezone: string
  /** `String(new Date())` as the caller's runtime renders it. */
  dateString: string
  /** `performance.memory.jsHeapSizeLimit`, or `null` where the runtime does not expose it. */
  jsHeapSizeLimit: number | null
  /** `performance.now()` of the caller, read when the config is built. */
  performanceNow: () => number
  /** `performance.timeOrigin`. */
  timeOrigin: number
  /** chatgpt.com's `data-build`, when the caller has seen one; otherwise `null`. */
  buildId: string | null
  /** A script URL loaded in the caller's context, or `null`. */
  scriptUrl: string | null
  /** Property names of the caller's `navigator` (own and inherited, as `for…in` lists them). */
  navigatorKeys: readonly string[]
  /** `String(navigator[key])` for one of `navigatorKeys`. */
  navigatorValue: (key: string) => string
  /** Own keys of `document`; empty in a worker. */
  documentKeys: readonly string[]
  /** Own keys of the global object. */
  windowKeys: readonly string[]
  /** `name in globalThis`. */
  hasGlobal: (name: string) => boolean
  /** Keys of `location.search`; empty when there is none. */
  searchKeys?: readonly string[]
  /** The page-session id (`oai-session-id`), if the caller keeps one. */
  sessionId?: string | null
}
