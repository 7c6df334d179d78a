/**
 * The page's main-thread tasks from a Chromium trace (category `toplevel`: one event per task,
 * with its wall time `dur` and its thread CPU time `tdur`). On a loaded machine a task's wall time
 * includes the time its thread waited for a CPU; thread time does not, so the longest task is
 * reported both ways. A first, tiny trace with the timeline category finds which renderer process
 * shows the page (`TracingStartedInBrowser` lists frames with their process).
 */
import type { CDPSession, Page } from 'playwright-core'

interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  dur?: number
  tdur?: number
  args?: { name?: string; data?: { frames?: { url: string; processId: number; isOutermostMainFrame?: boolean }[] } }
}

export interface TaskStats {
  /** Longest task by wall time, ms. */
  longestWallMs: number
  /** Longest task by thread (CPU) time, ms. */
  longestThreadMs: number
  /** Tasks over 50 ms of wall time, and of thread time. */
  overWall50: number
  overThread50: number
  tasks: number
}

async function trace(session: CDPSession, categories: string[], work: () => Promise<unknown>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = []
  const onData = ({ value }: { value: object[] }) => {
    for (const event of value) events.push(event as TraceEvent)
  }
  session.on('Tracing.dataCollected', onData)
  const complete = new Promise<void>((resolve) => session.once('Tracing.tracingComplete', () => resolve()))
  await session.send('Tracing.start', { traceConfig: { includedCategories: categories, recordMode: 'recordAsMuchAsPossible' }, transferMode: 'ReportEvents' })
  try {
    await work()
  } finally {
    await session.send('Tracing.end')
    await complete
    session.off('Tracing.dataCollected', onData)
  }
  return events
}

export class TaskTracer {
  private constructor(
    private readonly session: CDPSession,
    private readonly pid: number,
  ) {}

  /** Finds the renderer process of `page` (call after it has loaded). */
  static async attach(page: Page): Promise<TaskTracer> {
    const session = await page.context().newCDPSession(page)
    const events = await trace(session, ['__metadata', 'disabled-by-default-devtools.timeline'], () => page.evaluate(() => 0))
    const frames = events.find((e) => e.name === 'TracingStartedInBrowser')?.args?.data?.frames ?? []
    const frame = frames.find((f) => f.url === page.url() && f.isOutermostMainFrame !== false) ?? frames.find((f) => f.url === page.url())
    if (!frame) throw new Error(`no renderer process found for ${page.url()}`)
    return new TaskTracer(session, frame.processId)
  }

  /** Runs `work` and returns the tasks of the page's main thread meanwhile. */
  async measure<T>(work: () => Promise<T>): Promise<{ value: T; tasks: TaskStats }> {
    let value: T | undefined
    const events = await trace(this.session, ['__metadata', 'toplevel'], async () => {
      value = await work()
    })
    const main = events.find((e) => e.name === 'thread_name' && e.pid === this.pid && e.args?.name === 'CrRendererMain')
    const tasks = events.filter((e) => e.pid === this.pid && e.tid === main?.tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask')
    const wall = tasks.map((e) => (e.dur ?? 0) / 1000)
    const thread = tasks.map((e) => (e.tdur ?? 0) / 1000)
    return {
      value: value as T,
      tasks: {
        longestWallMs: Math.max(0, ...wall),
        longestThreadMs: Math.max(0, ...thread),
        overWall50: wall.filter((d) => d > 50).length,
        overThread50: thread.filter((d) => d > 50).length,
        tasks: tasks.length,
      },
    }
  }

  async detach(): Promise<void> {
    await this.session.detach().catch(() => undefined)
  }
}
