/**
 * PoW v1 (2024-03 .. 2025): SHA3-512 of `seed + base64(JSON(config))`, hex prefix compared with
 * the difficulty (protocol.md §5.2). Also builds the v1 requirements token `p`, which is the
 * same search with a random seed and difficulty `0fffff`.
 */
import { base64Utf8 } from './base64'
import type { ConfigArray } from './config-array'
import { hexPrefixAtMost, searchNonce, type PowSearchOptions, type PowSolution } from './pow-search'
import { Sha3_512 } from './sha3-512'

/** What the web app sends when it gives up: recognisable, and never a valid proof. */
const FALLBACK_BODY = 'wQ8Lk5FbGpA2NcR9dShT6gYjU7VxZ4D'
export const REQUIREMENTS_DIFFICULTY = '0fffff'

/** The bare answer (no `gAAAAAB`/`gAAAAAC` prefix): the winning base64 or the fallback. */
async function answer(seed: string, difficulty: string, config: ConfigArray, options: PowSearchOptions) {
  const target = difficulty.toLowerCase()
  const seedBytes = new TextEncoder().encode(seed)
  // Keccak is the cost (~10 permutations a try): absorb the seed and the constant head once,
  // then resume from a copy of that state (reusing one instance) on every try.
  const base = new Sha3_512()
  const work = new Sha3_512()
  let skip = 0
  const digest = new Uint8Array(64)
  const found = await searchNonce(
    {
      config,
      prefix: seedBytes,
      prepare: (template) => {
        base.update(seedBytes).update(template.head)
        skip = seedBytes.length + template.head.length
      },
      accept: (bytes, end) => {
        base.copyInto(work).update(bytes.subarray(skip, end)).digestInto(digest)
        return hexPrefixAtMost((i) => (i & 1 ? digest[i >> 1]! & 15 : digest[i >> 1]! >> 4), 128, target)
      },
    },
    options,
  )
  const body = found.b64 ?? FALLBACK_BODY + base64Utf8(`"${seed}"`)
  return { body, solved: found.b64 !== undefined, iterations: found.iterations, elapsedMs: found.elapsedMs }
}

/** Solves a `proofofwork` challenge; `token` goes into `Openai-Sentinel-Proof-Token`. */
export async function solveSha3Pow(
  seed: string,
  difficulty: string,
  config: ConfigArray,
  options: PowSearchOptions,
): Promise<PowSolution> {
  const { body, ...rest } = await answer(seed, difficulty, config, options)
  return { token: `gAAAAAB${body}`, ...rest }
}

/** The v1 requirements token `p` = `gAAAAAC` + the answer for a random seed at `0fffff`. */
export async function sha3RequirementsToken(
  config: ConfigArray,
  options: PowSearchOptions & { random: () => number },
): Promise<string> {
  const { body } = await answer(String(options.random()), REQUIREMENTS_DIFFICULTY, config, options)
  return `gAAAAAC${body}`
}
