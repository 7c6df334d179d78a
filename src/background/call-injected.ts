/**
 * Runs one of the scripts the worker injects into pages (src/content/injected-scripts.ts): the
 * file first, which defines its function on a global of the extension's isolated world in that
 * frame, then a one-line call with the arguments (a file cannot take any). The page's own world
 * never sees the global. `ran` is false when the frame had no such function (it navigated between
 * the two steps); `result` is what the function returned.
 */
import browser from '../shared/platform/browser'
import type { INJECTED_SCRIPTS } from '../content/injected-scripts'

type Injected = (typeof INJECTED_SCRIPTS)[keyof typeof INJECTED_SCRIPTS]

export async function callInjected(
  script: Injected,
  target: { tabId: number; frameIds: number[] },
  args: unknown[],
  options: { world?: 'ISOLATED'; injectImmediately?: boolean } = {},
): Promise<{ ran: boolean; result: unknown }> {
  await browser.scripting.executeScript({ target, files: [script.file], ...options })
  const [call] = await browser.scripting.executeScript({
    target,
    ...options,
    // Serialized alone: it may use only its parameters.
    func: (global: string, name: string, values: unknown[]) => {
      const exports = (globalThis as unknown as Record<string, Record<string, ((...a: unknown[]) => unknown) | undefined> | undefined>)[global]
      const fn = exports?.[name]
      // Wrapped, so that a function returning nothing still tells "ran" from "not there".
      return fn ? { result: fn(...values) } : null
    },
    args: [script.global, script.export, args],
  })
  const outcome = call?.result as { result?: unknown } | null | undefined
  return outcome ? { ran: true, result: outcome.result } : { ran: false, result: undefined }
}
