/** Test-only: a fixed environment that looks like a Chrome service worker (no screen, no document). */
import type { SentinelEnvironment } from './environment'

export function workerLikeEnvironment(overrides: Partial<SentinelEnvironment> = {}): SentinelEnvironment {
  const navigatorValues: Record<string, string> = {
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
    hardwareConcurrency: '8',
    onLine: 'true',
    storage: '[object StorageManager]',
    locks: '[object LockManager]',
  }
  return {
    userAgent: navigatorValues.userAgent!,
    language: 'de-DE',
    languages: ['de-DE', 'de', 'en-US'],
    hardwareConcurrency: 8,
    screen: null,
    timezone: 'Europe/Berlin',
    dateString: 'Thu Nov 26 2026 09:00:00 GMT+0100 (Mitteleuropäische Normalzeit)',
    jsHeapSizeLimit: null,
    performanceNow: () => 1234.5,
    timeOrigin: 1_795_000_000_000.25,
    buildId: null,
    scriptUrl: null,
    navigatorKeys: Object.keys(navigatorValues),
    navigatorValue: (key) => navigatorValues[key] ?? '',
    documentKeys: [],
    windowKeys: ['chrome', 'fetch', 'registration'],
    hasGlobal: (name) => name === 'cache' || name === 'chrome',
    searchKeys: [],
    sessionId: null,
    ...overrides,
  }
}
