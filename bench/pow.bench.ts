/**
 * Proof-of-work timing: median solve time of both solvers over 30 seeds per difficulty, with the
 * solver's default yielding, on a config the size a real page produces.
 * Run alone with `npx tsx bench/pow.bench.ts`; `runPowBench()` feeds a top-level bench runner.
 */
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { sha3_512 } from '@noble/hashes/sha3.js'
import { buildConfigV1, buildConfigV2, type ConfigArray } from '../src/core/chatgpt/sentinel/config-array'
import type { SentinelEnvironment } from '../src/core/chatgpt/sentinel/environment'
import { powHash32Hex, solveFnvPow } from '../src/core/chatgpt/sentinel/pow-fnv'
import { solveSha3Pow } from '../src/core/chatgpt/sentinel/pow-sha3'
import type { PowSolution } from '../src/core/chatgpt/sentinel/pow-search'

const SEEDS = 30
const SHA3_DIFFICULTIES = ['0fffff', '00ffff', '003a8f']
const FNV_DIFFICULTIES = ['0fff', '00ff', '000f', '0000f']

/** Page-sized values (a worker's are shorter, so it is faster there). */
function benchEnvironment(): SentinelEnvironment {
  return {
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
    language: 'en-US',
    languages: ['en-US', 'en'],
    hardwareConcurrency: 8,
    screen: { width: 1920, height: 1080 },
    timezone: 'Europe/Berlin',
    dateString: 'Thu Nov 26 2026 09:00:00 GMT+0100 (Central European Standard Time)',
    jsHeapSizeLimit: 4294705152,
    performanceNow: () => 8123.400000000373,
    timeOrigin: 1795000000000.3,
    buildId: 'prod-a194cd50d4416d3c0b47c740f206b12ce60f5887',
    scriptUrl: 'https://chatgpt.com/backend-api/sentinel/sdk.js',
    navigatorKeys: ['storage'],
    navigatorValue: () => '[object StorageManager]',
    documentKeys: ['_reactListeningo743lnnpvdg'],
    windowKeys: ['__NEXT_PRELOADREADY'],
    hasGlobal: () => false,
    searchKeys: [],
    sessionId: 'a1f3c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b',
  }
}

/** Deterministic seeds, so runs compare. */
function seeds(count: number): string[] {
  let a = 20261126
  return Array.from({ length: count }, () => {
    a = (Math.imul(a ^ (a >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0
    return String((a >>> 0) / 4294967296)
  })
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN

type Solver = (seed: string, difficulty: string, config: ConfigArray) => Promise<PowSolution>

async function measure(name: string, solver: Solver, difficulty: string, config: ConfigArray) {
  const times: number[] = []
  const iterations: number[] = []
  let solved = 0
  for (const seed of seeds(SEEDS)) {
    const start = performance.now()
    const solution = await solver(seed, difficulty, config)
    times.push(performance.now() - start)
    iterations.push(solution.iterations)
    if (solution.solved) solved += 1
  }
  times.sort((x, y) => x - y)
  iterations.sort((x, y) => x - y)
  const usPerTry = (times.reduce((s, t) => s + t, 0) * 1000) / iterations.reduce((s, n) => s + n, 0)
  return [name, difficulty, quantile(times, 0.5).toFixed(2), quantile(times, 0.9).toFixed(2), (times.at(-1) ?? NaN).toFixed(2),
    String(quantile(iterations, 0.5)), usPerTry.toFixed(2), `${solved}/${SEEDS}`]
}

/** The naive loop (stringify + btoa + hash the full string every try), for the per-try cost only. */
function naivePerTryUs(hash: (text: string) => unknown, config: ConfigArray, tries = 20_000): number {
  const copy = [...config]
  const start = performance.now()
  for (let i = 0; i < tries; i++) {
    copy[3] = i
    copy[9] = i >> 1
    hash('0.5' + Buffer.from(JSON.stringify(copy)).toString('base64'))
  }
  return ((performance.now() - start) * 1000) / tries
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
  return rows.map((r) => r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n')
}

/** Runs the benchmark and returns a printable report. */
export async function runPowBench(): Promise<string> {
  const env = benchEnvironment()
  const v1 = buildConfigV1(env, () => 0)
  const v2 = buildConfigV2(env, () => 0)
  const now = () => performance.now()
  const rows = [['solver', 'difficulty', 'median ms', 'p90 ms', 'max ms', 'median tries', 'µs/try', 'solved']]
  for (const d of SHA3_DIFFICULTIES) rows.push(await measure('sha3-512 (v1 config)', (s, x, c) => solveSha3Pow(s, x, c, { now }), d, v1))
  for (const d of FNV_DIFFICULTIES) rows.push(await measure('fnv1a+fmix (v2 config)', (s, x, c) => solveFnvPow(s, x, c, { now }), d, v2))
  const naiveSha3 = naivePerTryUs((t) => sha3_512(new TextEncoder().encode(t)), v1)
  const naiveFnv = naivePerTryUs(powHash32Hex, v2)
  return [
    `PoW solve time, ${SEEDS} seeds each, config JSON ${JSON.stringify(v1).length} B (v1) / ${JSON.stringify(v2).length} B (v2), Node ${process.version}`,
    table(rows),
    `naive loop (stringify + base64 + hash per try): sha3 ${naiveSha3.toFixed(2)} µs/try, fnv ${naiveFnv.toFixed(2)} µs/try`,
  ].join('\n')
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await runPowBench())
}
