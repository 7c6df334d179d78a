/**
 * Sentinel proof checks (protocol.md §5). The server side only verifies: solvers live with the
 * clients (tests carry their own, see solver.ts).
 */
import { createHash } from 'node:crypto'

export type PowAlgo = 'sha3' | 'fnv1a'

export const DEFAULT_DIFFICULTY: Record<PowAlgo, string> = {
  // sha3-512 hex prefix of 6 chars <= '0fffff': probability 1/16 per try.
  sha3: '0fffff',
  // fnv hash is 8 hex chars; prefix of 4 <= '0fff': probability 1/16 per try.
  fnv1a: '0fff',
}

const B64_RE = /^[A-Za-z0-9+/]+={0,2}$/

export interface ParsedConfig {
  b64: string
  config: unknown[]
}

/** Decode the base64 config of a `gAAAAAB…`/`gAAAAAC…` token; null when it is not a JSON array with a numeric nonce at [3]. */
export function decodeConfig(b64: string): ParsedConfig | null {
  if (!B64_RE.test(b64) || b64.length % 4 !== 0) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(b64, 'base64').toString('utf8'))
  } catch {
    return null
  }
  if (!Array.isArray(parsed) || parsed.length < 4) return null
  if (typeof parsed[3] !== 'number' || !Number.isFinite(parsed[3])) return null
  return { b64, config: parsed }
}

/** The `p` requirements token: `gAAAAAC` + base64(JSON config). Shape check only (its seed is client-chosen). */
export function checkRequirementsToken(p: unknown): string | null {
  if (typeof p !== 'string') return 'p missing'
  if (!p.startsWith('gAAAAAC')) return 'p does not start with gAAAAAC'
  const cfg = decodeConfig(p.slice('gAAAAAC'.length))
  if (!cfg) return 'p config is not base64 JSON array with numeric [3]'
  return null
}

export function sha3Hex(input: string): string {
  return createHash('sha3-512').update(input, 'utf8').digest('hex')
}

/** PoW v2 (2026): FNV-1a 32 over UTF-16 code units, then murmur3 fmix32; 8 lowercase hex chars. */
export function fnv1aHex(input: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < input.length; i++) {
    h ^= input.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b) >>> 0
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35) >>> 0
  h ^= h >>> 16
  return (h >>> 0).toString(16).padStart(8, '0')
}

export function meetsDifficulty(hex: string, difficulty: string): boolean {
  return hex.slice(0, difficulty.length) <= difficulty
}

/**
 * Verify a proof token. v1: `gAAAAAB` + b64, hash sha3-512(seed + b64). v2: `gAAAAAB` + b64 + `~S`,
 * hash fnv1a(seed + b64). Returns null when valid, else the reason.
 */
export function verifyProof(token: unknown, seed: string, difficulty: string, algo: PowAlgo): string | null {
  if (typeof token !== 'string' || token.length === 0) return 'proof missing'
  if (!token.startsWith('gAAAAAB')) return 'proof does not start with gAAAAAB'
  let b64 = token.slice('gAAAAAB'.length)
  if (algo === 'fnv1a') {
    if (!b64.endsWith('~S')) return 'proof v2 lacks ~S suffix'
    b64 = b64.slice(0, -2)
  }
  const cfg = decodeConfig(b64)
  if (!cfg) return 'proof config is not base64 JSON array with numeric nonce at [3]'
  const hex = algo === 'sha3' ? sha3Hex(seed + b64) : fnv1aHex(seed + b64)
  if (!meetsDifficulty(hex, difficulty)) return `proof hash ${hex.slice(0, difficulty.length)} > difficulty ${difficulty}`
  return null
}
