import { describe, expect, it } from 'vitest'
import { readSentinelEnvironment } from './environment-from-globals'

class FakeNavigator {
  get userAgent() {
    return 'UA/1.0'
  }
  get language() {
    return 'en-GB'
  }
  get languages() {
    return ['en-GB', 'en']
  }
  get hardwareConcurrency() {
    return 4
  }
}
// Browsers define navigator properties as enumerable accessors on the prototype.
for (const key of ['userAgent', 'language', 'languages', 'hardwareConcurrency']) {
  Object.defineProperty(FakeNavigator.prototype, key, { ...Object.getOwnPropertyDescriptor(FakeNavigator.prototype, key), enumerable: true })
}

describe('readSentinelEnvironment', () => {
  it('reads only what it is handed (worker: no screen, no document)', () => {
    const global = { fetch: () => undefined, cache: {} }
    const env = readSentinelEnvironment({
      navigator: new FakeNavigator(),
      performance: { now: () => 42, timeOrigin: 1_700_000_000_000 },
      global,
      now: () => Date.UTC(2026, 10, 26, 8),
    })
    expect(env).toMatchObject({
      userAgent: 'UA/1.0', language: 'en-GB', languages: ['en-GB', 'en'], hardwareConcurrency: 4, screen: null,
      jsHeapSizeLimit: null, timeOrigin: 1_700_000_000_000, buildId: null, scriptUrl: null, documentKeys: [], searchKeys: [],
    })
    expect(env.navigatorKeys).toEqual(['userAgent', 'language', 'languages', 'hardwareConcurrency'])
    expect(env.navigatorValue('languages')).toBe('en-GB,en')
    expect(env.windowKeys).toEqual(['fetch', 'cache'])
    expect(env.hasGlobal('cache')).toBe(true)
    expect(env.hasGlobal('solana')).toBe(false)
    expect(env.performanceNow()).toBe(42)
    expect(env.dateString).toBe(String(new Date(Date.UTC(2026, 10, 26, 8))))
  })

  it('reads screen, document keys, heap and search keys in a page', () => {
    const env = readSentinelEnvironment({
      navigator: new FakeNavigator(),
      performance: Object.assign({ now: () => 1, timeOrigin: 2 }, { memory: { jsHeapSizeLimit: 4294705152 } }),
      global: {},
      now: () => 0,
      screen: { width: 1440, height: 900 },
      document: { location: {}, _reactListeningabc: true },
      search: '?q=hi&model=auto',
    })
    expect(env.screen).toEqual({ width: 1440, height: 900 })
    expect(env.documentKeys).toEqual(['location', '_reactListeningabc'])
    expect(env.jsHeapSizeLimit).toBe(4294705152)
    expect(env.searchKeys).toEqual(['q', 'model'])
  })
})
