/**
 * Keeps the worker alive while a request is in flight and only then (threats-and-faults F4/F5,
 * G12). Chrome resets the idle timer on extension API calls; a trivial call every 20 s covers a
 * silent thinking model or slow response headers. With nothing in flight the interval is cleared,
 * so the worker can be stopped as Chrome intends.
 */
import browser from '../shared/platform/browser'

const HEARTBEAT_MS = 20_000

export function createKeepAlive() {
  let holders = 0
  let timer: ReturnType<typeof setInterval> | undefined
  return {
    acquire(): () => void {
      holders += 1
      timer ??= setInterval(() => void browser.runtime.getPlatformInfo(), HEARTBEAT_MS)
      let released = false
      return () => {
        if (released) return
        released = true
        holders -= 1
        if (holders === 0 && timer) {
          clearInterval(timer)
          timer = undefined
        }
      }
    },
    get active() {
      return holders > 0
    },
  }
}

export type KeepAlive = ReturnType<typeof createKeepAlive>
