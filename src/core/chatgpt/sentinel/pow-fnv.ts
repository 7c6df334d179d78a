/**
 * PoW v2 (2026-09): FNV-1a 32 over the UTF-16 code units of `seed + base64(JSON(config))`,
 * finished with murmur3's fmix32, as 8 lowercase hex digits; solved tokens end in `~S`
 * (protocol.md §5.3, matching qawow/chatgpt2api-grok `utils/pow.py` `_fnv1a32`).
 */
import { base64Utf8 } from './base64'
import type { ConfigArray } from './config-array'
import { hexPrefixAtMost, searchNonce, type PowSearchOptions, type PowSolution } from './pow-search'

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

/** FNV-1a 32 over UTF-16 code units, continuing from `state` (unsigned result). */
export function fnv1a32(text: string, state = FNV_OFFSET): number {
  let h = state
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME)
  return h >>> 0
}

/** murmur3 fmix32 finaliser (unsigned result). */
export function fmix32(value: number): number {
  let h = value >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/** The v2 PoW hash of `text` as 8 lowercase hex digits. */
export function powHash32Hex(text: string): string {
  return fmix32(fnv1a32(text)).toString(16).padStart(8, '0')
}

/** Sent when unsolved (protocol.md §5.3; variants exist). */
export const FNV_FALLBACK_TOKEN = `gAAAAAB${'wQ8Lk5FbGpA2NcR9dShT6gYjU7VxZ4D'}${base64Utf8('"e"')}`

/** Solves a v2 `proofofwork` challenge; `token` goes into finalize's `proofofwork`. */
export async function solveFnvPow(
  seed: string,
  difficulty: string,
  config: ConfigArray,
  options: PowSearchOptions,
): Promise<PowSolution> {
  const target = difficulty.toLowerCase()
  let resume = 0
  let from = 0
  const found = await searchNonce(
    {
      config,
      prefix: new Uint8Array(0),
      // FNV is a running state: hash the seed and the never-changing head once.
      prepare: (template) => {
        resume = fnv1a32(seed)
        for (const byte of template.head) resume = Math.imul(resume ^ byte, FNV_PRIME)
        from = template.head.length
      },
      accept: (bytes, end) => {
        let h = resume
        for (let i = from; i < end; i++) h = Math.imul(h ^ bytes[i]!, FNV_PRIME)
        const hash = fmix32(h)
        return hexPrefixAtMost((i) => (hash >>> (28 - 4 * i)) & 15, 8, target)
      },
    },
    options,
  )
  const token = found.b64 === undefined ? FNV_FALLBACK_TOKEN : `gAAAAAB${found.b64}~S`
  return { token, solved: found.b64 !== undefined, iterations: found.iterations, elapsedMs: found.elapsedMs }
}
