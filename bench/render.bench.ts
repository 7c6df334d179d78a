/**
 * Figure 1a: streaming render cost in a bench page (real Chromium, the popup's CSS and width).
 * One render per delta, each in its own task with forced style + layout: the worst case, where
 * every delta lands in its own frame. Compared, on the same answer and deltas:
 * - ours, incremental (the product's `Markdown`),
 * - ours rendered once with the final text,
 * - ours without the incremental cache (whole answer re-lexed and diffed per delta),
 * - the peers' react-markdown + remark-gfm + rehype-highlight re-rendered per delta.
 * The two whole-answer baselines are quadratic, so when rendering every delta would exceed their
 * time budget they render an evenly spread sample of the deltas (each at its true prefix) and the
 * sum is scaled up; the report says how many. Sampling over-estimates a little (each sampled
 * render changes more DOM than one delta would), so the 50 KB goal figure renders all deltas.
 */
import type { Browser } from 'playwright-core'
import { describeAnswer, makeAnswer, splitDeltas } from './lib/answer-text'
import { add, MainThreadMeter, scale, type MainThreadTime } from './lib/cdp-metrics'
import { median } from './lib/stats'
import { TaskTracer, type TaskStats } from './lib/task-trace'

export interface RenderCase {
  label: string
  chars: number
  deltas: number
}

export interface RenderRun {
  time: MainThreadTime
  /** Deltas actually rendered (fewer than the case's when sampled). */
  rendered: number
  /** The page's main-thread tasks meanwhile (each step is one task). */
  tasks: TaskStats
}

export interface RenderResult {
  label: string
  answer: string
  deltas: number
  once: RenderRun
  incremental: RenderRun
  full: RenderRun
  peers: RenderRun
  peersOnce: RenderRun
}

type PageKind = 'ours.html?mode=incremental' | 'ours.html?mode=full' | 'peers.html'

/** Prefix ends after each delta. */
function deltaEnds(text: string, count: number): number[] {
  const ends: number[] = []
  let end = 0
  for (const delta of splitDeltas(text, count)) ends.push((end += delta.length))
  return ends
}

/** `count` evenly spread picks out of `ends` (always including the first and the last). */
function sample(ends: number[], count: number): number[] {
  if (count >= ends.length) return ends
  return Array.from({ length: count }, (_, j) => ends[Math.round(((j + 1) * ends.length) / count) - 1]!)
}

async function runPage(browser: Browser, origin: string, kind: PageKind, text: string, ends: number[], totalDeltas: number): Promise<RenderRun> {
  const page = await browser.newPage({ viewport: { width: 440, height: 600 } })
  try {
    await page.goto(`${origin}/${kind}`)
    await page.waitForFunction(() => window.benchReady === true, undefined, { timeout: 15_000 })
    const meter = await MainThreadMeter.attach(page)
    const tracer = await TaskTracer.attach(page)
    const { value, tasks } = await tracer.measure(async () => {
      const streamed = await meter.measure(() => page.evaluate(([t, e]) => window.bench!.steps(t, e), [text, ends] as const))
      const finished = await meter.measure(() => page.evaluate((t) => window.bench!.finish(t), text))
      return { streamed, finished }
    })
    await tracer.detach()
    await meter.detach()
    const factor = ends.length > 0 ? totalDeltas / ends.length : 0
    return { time: add(scale(value.streamed.time, factor), value.finished.time), rendered: ends.length, tasks }
  } finally {
    await page.close()
  }
}

/** Median of three by total time: single renders are short and the machine is shared. */
async function medianRun(runs: () => Promise<RenderRun>, count = 3): Promise<RenderRun> {
  const all: RenderRun[] = []
  for (let i = 0; i < count; i++) all.push(await runs())
  const mid = median(all.map((r) => r.time.totalMs))
  return all.find((r) => r.time.totalMs === mid) ?? all[0]!
}

/**
 * Runs one case. `baselineBudgetMs` bounds each whole-answer baseline: the sample size is chosen
 * from its one-render cost so that the sampled renders fit in about that much main-thread time.
 */
export async function runRenderCase(browser: Browser, origin: string, c: RenderCase, budgets: { full: number; peers: number }): Promise<RenderResult> {
  const text = makeAnswer(c.chars)
  const ends = deltaEnds(text, c.deltas)
  const once = await medianRun(() => runPage(browser, origin, 'ours.html?mode=incremental', text, [], 0))
  const incremental = await runPage(browser, origin, 'ours.html?mode=incremental', text, ends, ends.length)
  const fullOnce = await medianRun(() => runPage(browser, origin, 'ours.html?mode=full', text, [], 0))
  const peersOnce = await medianRun(() => runPage(browser, origin, 'peers.html', text, [], 0))
  // A prefix render costs about (its length / whole) × one whole render: on average half of it.
  const samples = (oneRender: RenderRun, budget: number) => Math.max(20, Math.min(ends.length, Math.floor(budget / Math.max(0.05, oneRender.time.totalMs / 2))))
  const full = await runPage(browser, origin, 'ours.html?mode=full', text, sample(ends, samples(fullOnce, budgets.full)), ends.length)
  const peers = await runPage(browser, origin, 'peers.html', text, sample(ends, samples(peersOnce, budgets.peers)), ends.length)
  return { label: c.label, answer: describeAnswer(text), deltas: ends.length, once, incremental, full, peers, peersOnce }
}
