/**
 * The proof-of-work search shared by both hash generations (protocol.md §5.2, §5.3): try nonces
 * 0, 1, 2, … with `config[3] = nonce` and `config[9] = elapsed ms` until `accept` likes the hash
 * of `prefix + base64(JSON(config))`. The web app does the same work in the user's browser; we do
 * it with the same real inputs. Bounded, and it yields so a service worker stays responsive.
 */
import { ChatGptError } from '../chatgpt-error'
import { asciiString } from './base64'
import { ELAPSED_SLOT, NONCE_SLOT, type ConfigArray } from './config-array'
import { createConfigTemplate, type ConfigTemplate } from './config-template'

export interface PowSearchOptions {
  /** Millisecond clock (`performance.now` or `Date.now`); fills `config[9]`. */
  now: () => number
  /** Give up after this many tries (default 500 000, as the web app). */
  maxIterations?: number
  /** Yield to the event loop after this many ms of work (default 20: SHA3 tries are ~50 µs, FNV ~3 µs). */
  yieldAfterMs?: number
  /** …or after this many tries, whichever comes first (default 4096). */
  yieldEvery?: number
  /** How to yield; defaults to a zero-delay timer. */
  yieldControl?: () => Promise<void>
  signal?: AbortSignal
}

/** A solved (or given-up) proof. */
export interface PowSolution {
  /** The header/body value, or the documented fallback token when unsolved. */
  token: string
  solved: boolean
  iterations: number
  elapsedMs: number
}

export const DEFAULT_MAX_ITERATIONS = 500_000
const DEFAULT_YIELD_EVERY = 4096
const DEFAULT_YIELD_AFTER_MS = 20
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

export interface NonceSearch {
  config: ConfigArray
  /** Bytes hashed before the base64 (the seed, for SHA3); may be empty. */
  prefix: Uint8Array
  /** Called with the template first, so a resumable hash can precompute over `template.head`. */
  prepare?: (template: ConfigTemplate) => void
  /** True when the hash of `bytes[0, end)` meets the difficulty. */
  accept: (bytes: Uint8Array, end: number) => boolean
}

/** Runs the search; `b64` is the winning base64 config, or undefined when unsolved. */
export async function searchNonce(search: NonceSearch, options: PowSearchOptions) {
  const template = createConfigTemplate(search.config, [NONCE_SLOT, ELAPSED_SLOT])
  search.prepare?.(template)
  const buffer = new Uint8Array(search.prefix.length + template.maxLength)
  buffer.set(search.prefix)
  const max = options.maxIterations ?? DEFAULT_MAX_ITERATIONS
  const yieldEvery = Math.max(1, options.yieldEvery ?? DEFAULT_YIELD_EVERY)
  const yieldAfterMs = options.yieldAfterMs ?? DEFAULT_YIELD_AFTER_MS
  const yieldControl = options.yieldControl ?? nextTask
  const start = options.now()
  let lastYield = start
  let sinceYield = 0
  const values = [0, 0]
  for (let nonce = 0; nonce < max; nonce++) {
    let time = options.now()
    if (++sinceYield > yieldEvery || time - lastYield >= yieldAfterMs) {
      await yieldControl()
      if (options.signal?.aborted) throw new ChatGptError('aborted', 'Stopped.')
      time = options.now()
      lastYield = time
      sinceYield = 1
    }
    values[0] = nonce
    values[1] = Math.round(time - start)
    const end = template.write(values, buffer, search.prefix.length)
    if (search.accept(buffer, end)) {
      const b64 = asciiString(buffer.subarray(search.prefix.length, end))
      return { b64, iterations: nonce + 1, elapsedMs: options.now() - start }
    }
  }
  return { b64: undefined, iterations: max, elapsedMs: options.now() - start }
}

const HEX = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0))

/**
 * `hex.slice(0, difficulty.length) <= difficulty` without building the hex string: compares
 * lowercase hex digits of `nibble(i)` (i < `hexLength`) against the difficulty's characters.
 */
export function hexPrefixAtMost(nibble: (i: number) => number, hexLength: number, difficulty: string): boolean {
  const n = Math.min(hexLength, difficulty.length)
  for (let i = 0; i < n; i++) {
    const have = HEX[nibble(i)]!
    const limit = difficulty.charCodeAt(i)
    if (have !== limit) return have < limit
  }
  return true
}
