/**
 * Main-thread time of one page from Chromium's own counters (CDP `Performance.getMetrics`):
 * script, layout and style-recalc durations, read before and after the work.
 */
import type { CDPSession, Page } from 'playwright-core'

export interface MainThreadTime {
  scriptMs: number
  layoutMs: number
  styleMs: number
  /** script + layout + style */
  totalMs: number
  /** All main-thread tasks (includes paint, parsing, GC…), for reference. */
  taskMs: number
}

type Counters = Record<string, number>

export class MainThreadMeter {
  private constructor(private readonly session: CDPSession) {}

  static async attach(page: Page): Promise<MainThreadMeter> {
    const session = await page.context().newCDPSession(page)
    await session.send('Performance.enable', { timeDomain: (process.env.TD as 'timeTicks') ?? 'threadTicks' })
    return new MainThreadMeter(session)
  }

  async read(): Promise<Counters> {
    const { metrics } = await this.session.send('Performance.getMetrics')
    return Object.fromEntries(metrics.map((m) => [m.name, m.value]))
  }

  /** Time spent between two readings. */
  static between(before: Counters, after: Counters): MainThreadTime {
    const d = (name: string) => ((after[name] ?? 0) - (before[name] ?? 0)) * 1000
    const scriptMs = d('ScriptDuration')
    const layoutMs = d('LayoutDuration')
    const styleMs = d('RecalcStyleDuration')
    return { scriptMs, layoutMs, styleMs, totalMs: scriptMs + layoutMs + styleMs, taskMs: d('TaskDuration') }
  }

  /** Runs `work` and returns the main-thread time it cost. */
  async measure<T>(work: () => Promise<T>): Promise<{ value: T; time: MainThreadTime }> {
    const before = await this.read()
    const value = await work()
    const after = await this.read()
    return { value, time: MainThreadMeter.between(before, after) }
  }

  async detach(): Promise<void> {
    await this.session.detach().catch(() => undefined)
  }
}

export const scale = (t: MainThreadTime, k: number): MainThreadTime => ({
  scriptMs: t.scriptMs * k, layoutMs: t.layoutMs * k, styleMs: t.styleMs * k, totalMs: t.totalMs * k, taskMs: t.taskMs * k,
})

export const add = (a: MainThreadTime, b: MainThreadTime): MainThreadTime => ({
  scriptMs: a.scriptMs + b.scriptMs, layoutMs: a.layoutMs + b.layoutMs, styleMs: a.styleMs + b.styleMs,
  totalMs: a.totalMs + b.totalMs, taskMs: a.taskMs + b.taskMs,
})
