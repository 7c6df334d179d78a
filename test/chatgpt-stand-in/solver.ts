/**
 * Test-side sentinel solver (protocol.md §5.2/§5.3), written independently of the stand-in's
 * verifier (it hashes with @noble/hashes, the verifier with node:crypto) so a shared bug cannot
 * make both agree. For tests only; the extension has its own.
 */
import { sha3_512 } from '@noble/hashes/sha3.js'
import { bytesToHex } from '@noble/hashes/utils.js'

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64')

export function testConfig(nonce: number): unknown[] {
  return [
    3000,
    'Tue Sep 29 2026 11:22:33 GMT+0000 (Coordinated Universal Time)',
    4294705152,
    nonce,
    'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0',
    'https://chatgpt.com/backend-api/sentinel/sdk.js',
    'prod-5f0c1d2e3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d',
    'en-US',
    'en-US,en',
    0,
    'webdriver\u2212false',
    'location',
    'onmessage',
    1234.5,
    'b8d1d5c0-0000-4000-8000-000000000000',
    '',
    8,
    1790000000000.5,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
  ]
}

/** The `p` requirements token: gAAAAAC + base64(config with [3] = 1). */
export function requirementsToken(): string {
  return `gAAAAAC${b64(JSON.stringify(testConfig(1)))}`
}

export function fnv1a32Hex(s: string): string {
  let h = 2166136261
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 16777619) >>> 0
  }
  h ^= h >>> 16
  h = Math.imul(h, 2246822507) >>> 0
  h ^= h >>> 13
  h = Math.imul(h, 3266489909) >>> 0
  h ^= h >>> 16
  return (h >>> 0).toString(16).padStart(8, '0')
}

export interface Solved {
  token: string
  tries: number
}

/** PoW v1: sha3-512(seed + b64) hex prefix <= difficulty; token gAAAAAB + b64. */
export function solveSha3(seed: string, difficulty: string, maxTries = 500_000): Solved {
  for (let nonce = 0; nonce < maxTries; nonce++) {
    const data = b64(JSON.stringify(testConfig(nonce)))
    const hex = bytesToHex(sha3_512(new TextEncoder().encode(seed + data)))
    if (hex.slice(0, difficulty.length) <= difficulty) return { token: `gAAAAAB${data}`, tries: nonce + 1 }
  }
  throw new Error('sha3 PoW not solved')
}

/** PoW v2: fnv1a32(seed + b64) hex prefix <= difficulty; token gAAAAAB + b64 + ~S. */
export function solveFnv(seed: string, difficulty: string, maxTries = 500_000): Solved {
  for (let nonce = 0; nonce < maxTries; nonce++) {
    const data = b64(JSON.stringify(testConfig(nonce)))
    const hex = fnv1a32Hex(seed + data)
    if (hex.slice(0, difficulty.length) <= difficulty) return { token: `gAAAAAB${data}~S`, tries: nonce + 1 }
  }
  throw new Error('fnv PoW not solved')
}

/** A well-formed proof that certainly fails `difficulty` for this seed (to test rejection). */
export function wrongSha3(seed: string, difficulty: string): string {
  for (let nonce = 0; ; nonce++) {
    const data = b64(JSON.stringify(testConfig(nonce)))
    const hex = bytesToHex(sha3_512(new TextEncoder().encode(seed + data)))
    if (hex.slice(0, difficulty.length) > difficulty) return `gAAAAAB${data}`
  }
}

export function wrongFnv(seed: string, difficulty: string): string {
  for (let nonce = 0; ; nonce++) {
    const data = b64(JSON.stringify(testConfig(nonce)))
    if (fnv1a32Hex(seed + data).slice(0, difficulty.length) > difficulty) return `gAAAAAB${data}~S`
  }
}
