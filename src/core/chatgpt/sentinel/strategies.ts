/**
 * The sentinel generations as data (protocol.md §5.2, §5.3): which config array, how `p` is
 * made, which PoW hash, which paths. A backend change should be a new row or an override from the
 * protocol profile, not new control flow.
 */
import type { ConfigVersion } from './config-array'

export type SentinelGenerationId = 'single-step' | 'prepare-finalize'
export type PowAlgorithm = 'sha3' | 'fnv'

export interface SentinelStrategy {
  id: SentinelGenerationId
  configVersion: ConfigVersion
  /** `sha3-search`: `p` is a SHA3 PoW answer (2024-05+); `plain`: base64 config (2026). */
  requirementsToken: 'sha3-search' | 'plain'
  /** Hash for the server's `proofofwork` challenge. */
  powAlgorithm: PowAlgorithm
  /** First POST: `chat-requirements` (single-step) or `chat-requirements/prepare`. */
  requirementsPath: string
  /** Second POST, only in the two-phase generation. */
  finalizePath?: string
  /** Lifetime assumed when the server states none (2026 tokens live `expire_after` 540 s). */
  defaultTtlSec: number
}

export const SENTINEL_STRATEGIES: Readonly<Record<SentinelGenerationId, SentinelStrategy>> = {
  'single-step': {
    id: 'single-step',
    configVersion: 'v1',
    requirementsToken: 'sha3-search',
    powAlgorithm: 'sha3',
    requirementsPath: '/backend-api/sentinel/chat-requirements',
    // The 2024 web app fetched requirements right before each send; keep reuse short.
    defaultTtlSec: 60,
  },
  'prepare-finalize': {
    id: 'prepare-finalize',
    configVersion: 'v2',
    requirementsToken: 'plain',
    // FNV since 2026-09; an older two-phase backend (2026-01..08) wants 'sha3' via an override.
    powAlgorithm: 'fnv',
    requirementsPath: '/backend-api/sentinel/chat-requirements/prepare',
    finalizePath: '/backend-api/sentinel/chat-requirements/finalize',
    defaultTtlSec: 540,
  },
}

/** The strategy for `id` with a profile's overrides (e.g. `/backend-anon/...` paths). */
export function resolveStrategy(id: SentinelGenerationId, overrides: Partial<Omit<SentinelStrategy, 'id'>> = {}): SentinelStrategy {
  return { ...SENTINEL_STRATEGIES[id], ...overrides }
}
