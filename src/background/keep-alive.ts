/**
 * Keeps the worker alive while a request is in flight and only then (threats-and-faults F4/F5,
 * G12). Chrome resets the idle timer on extension API calls; a trivial call every 20 s covers a
 * silent thinking model or slow response headers. With nothing in flight the interval is cleared,
 * so the worker can be stopped as Chrome intends (a perpetual keep-alive is for enterprise
 * installs only).
 */
import browser from '../shared/platform/browser'

const HEARTBEAT_MS = 20_000

export function createKeepAlive(ping: () => unknown = () => browser.runtime.getPlatformInfo(), everyMs = HEARTBEAT_MS) {
  let holders = 0
  let beats = 0
  let timer: ReturnType<typeof setInterval> | undefined
  const beat = () => {
    beats += 1
    Promise.resolve(ping()).catch(() => undefined)
  }
  return {
    /** Hold the worker awake until the returned release is called (idempotent). */
    acquire(): () => void {
      holders += 1
      timer ??= setInterval(beat, everyMs)
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
    /** Diagnostics: current holders, whether the heartbeat runs, heartbeats sent this worker life. */
    get holders() {
      return holders
    },
    get heartbeating() {
      return timer !== undefined
    },
    get beats() {
      return beats
    },
  }
}

export type KeepAlive = ReturnType<typeof createKeepAlive>
