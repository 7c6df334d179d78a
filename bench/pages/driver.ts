/**
 * The in-page side of the render benchmark, shared by both pages. Each step renders one prefix of
 * the answer in its own task and forces style and layout, the way a streamed delta reaches the
 * screen; the Node side reads the renderer's main-thread time around it from CDP.
 */

/** What each page plugs in: render this text now (synchronously), and wait for deferred work. */
export interface BenchRenderer {
  render(text: string, streaming: boolean): void
  /** Resolves when work the renderer defers past the last render (lazy highlighting) is done. */
  settle(): Promise<void>
}

declare global {
  interface Window {
    benchReady?: boolean
    bench?: {
      /** Renders `text` up to each of `ends` in turn, one task each, streaming. */
      steps(text: string, ends: number[]): Promise<void>
      /** Renders the whole `text` as final, forces layout, waits for deferred work. */
      finish(text: string): Promise<void>
    }
  }
}

/**
 * Runs `step(i)` for i = 0…count-1, each inside its own message-event handler: a task of its own,
 * and synchronous in that handler, so Chromium counts the work as script (work done in a promise
 * continuation is missing from `ScriptDuration`).
 */
function eachInOwnTask(count: number, step: (i: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel()
    let i = 0
    channel.port1.onmessage = () => {
      if (i >= count) {
        channel.port1.close()
        resolve()
        return
      }
      try {
        step(i++)
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)))
        return
      }
      channel.port2.postMessage(null)
    }
    channel.port2.postMessage(null)
  })
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))

/** Installs `window.bench` for `renderer`, whose output lives in `root`. */
export function installBench(renderer: BenchRenderer, root: HTMLElement): void {
  // Reading a layout property makes the browser recalc styles and lay out now, inside the step.
  const layout = () => root.getBoundingClientRect().height
  window.bench = {
    async steps(text, ends) {
      // Appended like the popup's chat state does (`text + appended`), not sliced from the whole.
      let shown = ''
      await eachInOwnTask(ends.length, (i) => {
        shown += text.slice(shown.length, ends[i])
        renderer.render(shown, true)
        layout()
      })
    },
    async finish(text) {
      await eachInOwnTask(1, () => {
        renderer.render(text, false)
        layout()
      })
      await renderer.settle()
      await nextFrame()
      await eachInOwnTask(1, layout)
    },
  }
  window.benchReady = true
}
