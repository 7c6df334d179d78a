import { describe, expect, it } from 'vitest'
import { buildConfigV1, buildConfigV2, V2_FEATURE_GLOBALS } from './config-array'
import { workerLikeEnvironment } from './test-environment'
import type { SentinelEnvironment } from './environment'

const pageLike: Partial<SentinelEnvironment> = {
  screen: { width: 1920, height: 1080 },
  jsHeapSizeLimit: 4294705152,
  buildId: 'prod-a194cd50d4416d3c0b47c740f206b12ce60f5887',
  scriptUrl: 'https://chatgpt.com/backend-api/sentinel/sdk.js',
  documentKeys: ['location', '_reactListening1a2b'],
  searchKeys: ['q', 'model'],
  sessionId: 'b6c1b3a0-0000-4000-8000-000000000000',
}

/** Every string or number in the array must come from the environment (or be a slot/probe). */
function allowedValues(env: SentinelEnvironment): Set<unknown> {
  const navigator = env.navigatorKeys.map((k) => `${k}\u2212${env.navigatorValue(k)}`)
  return new Set<unknown>([
    env.dateString, env.jsHeapSizeLimit, env.userAgent, env.scriptUrl, env.buildId, env.language, env.languages.join(','),
    ...navigator, ...env.documentKeys, ...env.windowKeys, env.performanceNow(), env.sessionId ?? null,
    (env.searchKeys ?? []).join(','), env.hardwareConcurrency, env.timeOrigin, null, 0, 1,
  ])
}

describe('config arrays', () => {
  it.each([
    ['worker', workerLikeEnvironment()],
    ['page', workerLikeEnvironment(pageLike)],
  ])('v1 has 18 items from the %s environment', (_, env) => {
    const config = buildConfigV1(env, () => 0.99)
    expect(config).toHaveLength(18)
    expect(config[0]).toBe(env.screen ? 8 + env.screen.width + env.screen.height : null)
    const allowed = allowedValues(env)
    config.slice(1).forEach((value) => expect(allowed.has(value)).toBe(true))
    expect(typeof config[1]).toBe('string')
    expect(config[3]).toBe(0)
    expect(config[9]).toBe(0)
    expect(config[16]).toBe(8)
  })

  it('v2 has 25 items with the §5.3 types in order', () => {
    const env = workerLikeEnvironment(pageLike)
    const config = buildConfigV2(env, () => 0)
    expect(config).toHaveLength(25)
    expect(config).toEqual([
      3000, env.dateString, 4294705152, 0, env.userAgent, pageLike.scriptUrl, pageLike.buildId, 'de-DE', 'de-DE,de,en-US', 0,
      'userAgent\u2212' + env.userAgent, 'location', 'chrome', 1234.5, pageLike.sessionId, 'q,model', 8, env.timeOrigin,
      ...V2_FEATURE_GLOBALS.map((name) => (name === 'cache' ? 1 : 0)),
    ])
  })

  it('uses U+2212 in the navigator item and picks keys with the injected random()', () => {
    const env = workerLikeEnvironment()
    const last = buildConfigV2(env, () => 0.999999)
    expect(last[10]).toBe('locks\u2212[object LockManager]')
    expect(String(last[10])).not.toContain('-')
    expect(last[12]).toBe('registration')
  })

  it('is honest about what a worker lacks: null screen, heap, document key', () => {
    const config = buildConfigV2(workerLikeEnvironment(), () => 0.5)
    expect(config[0]).toBeNull()
    expect(config[2]).toBeNull()
    expect(config[11]).toBeNull()
    expect(config[15]).toBe('')
  })
})
