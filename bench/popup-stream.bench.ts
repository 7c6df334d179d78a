/**
 * Figure 1b: streaming render cost in the real popup page against the stand-in. The same answer
 * is asked twice on fresh threads: streamed in ~N deltas, and delivered in one delta (the whole
 * text rendered once, through the same port, state and components). Both are measured the same
 * way, from Enter to the finished, highlighted answer, on the popup page's main thread only.
 */
import type { Page } from 'playwright-core'
import type { StandIn } from '../test/chatgpt-stand-in/index'
import { describeAnswer, makeAnswer } from './lib/answer-text'
import { MainThreadMeter, type MainThreadTime } from './lib/cdp-metrics'
import type { BenchExtension } from './lib/extension'
import type { PageProbeState } from './lib/page-probe'
import { median } from './lib/stats'
import { TaskTracer, type TaskStats } from './lib/task-trace'

export interface PopupRun {
  time: MainThreadTime
  /** DOM commits (renders that changed the page) while the answer arrived. */
  commits: number
  /** The popup's main-thread tasks while the answer arrived. */
  tasks: TaskStats
  /** Stand-in SSE frames carrying answer text. */
  deltas: number
  wallMs: number
  /** The stored answer equals the text sent. */
  exact: boolean
}

export interface PopupStreamResult {
  answer: string
  paceMs: number
  streamed: PopupRun
  once: PopupRun
}

const probe = (page: Page) => page.evaluate(() => window.__benchProbe!)

let threadCount = 0

/**
 * Waits until the answer is all there: a long answer mounted at once adds a group per frame, so
 * until the group count held for a few frames; then lazy highlighting lands (and a frame after).
 */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const state = ((window as { __benchSettle?: { last: number; stable: number } }).__benchSettle ??= { last: -1, stable: 0 })
      const groups = document.querySelectorAll('.md-group').length
      state.stable = groups === state.last ? state.stable + 1 : 0
      state.last = groups
      return state.stable >= 3
    },
    undefined,
    { polling: 'raf', timeout: 30_000 },
  )
  await page.waitForTimeout(300)
}

async function askAndMeasure(ext: BenchExtension, standIn: StandIn, text: string, tokensPerFrame: number, paceMs: number): Promise<PopupRun> {
  const threadKey = `bench-stream-${++threadCount}`
  const page = await ext.open(`src/popup/index.html?thread=${threadKey}`)
  try {
    await page.getByTestId('composer').waitFor({ timeout: 15_000 })
    await page.bringToFront()
    const meter = await MainThreadMeter.attach(page)
    const tracer = await TaskTracer.attach(page)
    const before: PageProbeState = await probe(page)
    standIn.queueAnswer({ text, tokensPerFrame, delayMs: paceMs })
    const start = Date.now()
    const { value: time, tasks } = await tracer.measure(() =>
      meter.measure(async () => {
        await page.getByTestId('composer').fill('Please write the long answer.')
        await page.getByTestId('composer').press('Enter')
        await page.locator('[data-testid=answer][data-status=complete]').waitFor({ state: 'attached', timeout: 180_000 })
        await settled(page)
      }),
    )
    const wallMs = Date.now() - start
    const after: PageProbeState = await probe(page)
    const stored = await page.evaluate(async (key) => {
      const record = (await chrome.storage.local.get(key))[key] as { jobs?: { text?: string }[] } | undefined
      return record?.jobs?.[0]?.text
    }, `thread:${threadKey}`)
    await tracer.detach()
    await meter.detach()
    return {
      time: time.time,
      commits: after.commits - before.commits,
      tasks,
      deltas: Math.ceil(text.length / tokensPerFrame),
      wallMs,
      exact: stored === text,
    }
  } finally {
    await page.close()
  }
}

/** Streams a `chars`-long answer in about `deltas` deltas, `paceMs` apart, and once in one delta. */
export async function runPopupStream(ext: BenchExtension, standIn: StandIn, chars: number, deltas: number, paceMs: number): Promise<PopupStreamResult> {
  const text = makeAnswer(chars)
  const onceRuns: PopupRun[] = []
  for (let i = 0; i < 3; i++) onceRuns.push(await askAndMeasure(ext, standIn, text, text.length, paceMs))
  const mid = median(onceRuns.map((r) => r.time.totalMs))
  const once = onceRuns.find((r) => r.time.totalMs === mid) ?? onceRuns[0]!
  const streamed = await askAndMeasure(ext, standIn, text, Math.ceil(text.length / deltas), paceMs)
  return { answer: describeAnswer(text), paceMs, streamed, once }
}
