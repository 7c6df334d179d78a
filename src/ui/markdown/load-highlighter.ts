/** Loads the highlighter chunk once, on first need; a failed load just means plain code. */
import type * as Highlighter from './highlight'

let loading: Promise<typeof Highlighter | undefined> | undefined

/** The highlighter module, or `undefined` if its chunk could not load. */
export function loadHighlighter(): Promise<typeof Highlighter | undefined> {
  loading ??= import('./highlight').catch(() => undefined)
  return loading
}
