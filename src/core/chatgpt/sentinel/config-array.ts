/**
 * The sentinel "config" arrays, built only from the caller's {@link SentinelEnvironment}
 * (protocol.md §5.2 v1, §5.3 v2 table). Slot 3 carries the PoW nonce and slot 9 the elapsed
 * milliseconds; the solvers overwrite both on every try.
 */
import type { SentinelEnvironment } from './environment'

export type ConfigValue = string | number | null
export type ConfigArray = ConfigValue[]
export type ConfigVersion = 'v1' | 'v2'

export const NONCE_SLOT = 3
export const ELAPSED_SLOT = 9
/** Globals the 2026 script probes for (items 18–24). */
export const V2_FEATURE_GLOBALS = ['ai', 'createPRNG', 'cache', 'data', 'solana', 'dump', 'InstallTrigger'] as const

// The page renders navigator entries as `name−value` with U+2212 MINUS SIGN, not ASCII '-'.
const MINUS = '\u2212'

function pick(list: readonly string[], random: () => number): string | null {
  if (list.length === 0) return null
  return list[Math.min(list.length - 1, Math.floor(random() * list.length))] ?? null
}

/** Items 1–17, shared by both versions (v1 and v2 differ in item 0 and the v2 tail). */
function commonItems(env: SentinelEnvironment, random: () => number): ConfigArray {
  const navKey = pick(env.navigatorKeys, random)
  return [
    env.dateString,
    env.jsHeapSizeLimit,
    0, // nonce
    env.userAgent,
    env.scriptUrl,
    env.buildId,
    env.language,
    env.languages.join(','),
    0, // elapsed ms
    navKey === null ? null : `${navKey}${MINUS}${env.navigatorValue(navKey)}`,
    pick(env.documentKeys, random),
    pick(env.windowKeys, random),
    env.performanceNow(),
    env.sessionId ?? null,
    (env.searchKeys ?? []).join(','),
    env.hardwareConcurrency,
    env.timeOrigin,
  ]
}

/** v1 (2024-10 .. 2025, 18 items): item 0 is cores + screen width + height. */
export function buildConfigV1(env: SentinelEnvironment, random: () => number): ConfigArray {
  const screenSum = env.screen ? env.hardwareConcurrency + env.screen.width + env.screen.height : null
  return [screenSum, ...commonItems(env, random)]
}

/** v2 (2026, 25 items): item 0 is screen width + height; items 18–24 are 0/1 global probes. */
export function buildConfigV2(env: SentinelEnvironment, random: () => number): ConfigArray {
  const screenSum = env.screen ? env.screen.width + env.screen.height : null
  return [screenSum, ...commonItems(env, random), ...V2_FEATURE_GLOBALS.map((name) => (env.hasGlobal(name) ? 1 : 0))]
}

export function buildConfig(version: ConfigVersion, env: SentinelEnvironment, random: () => number): ConfigArray {
  return version === 'v1' ? buildConfigV1(env, random) : buildConfigV2(env, random)
}
