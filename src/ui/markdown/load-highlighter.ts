/** Loads the highlighter chunk once, on first need; a failed load just means plain code. */
import type * as Highlighter from './highlight'

let loading: Promise<typeof Highlighter | undefined> | undefined
let loaded: typeof Highlighter | undefined

/** The highlighter module, or `undefined` if its chunk could not load. */
export function loadHighlighter(): Promise<typeof Highlighter | undefined> {
  loading ??= import('./highlight').then(
    (module) => (loaded = module),
    () => undefined,
  )
  return loading
}

/** The highlighter if its chunk has already loaded: then a block is highlighted in the render that finishes it. */
export function loadedHighlighter(): typeof Highlighter | undefined {
  return loaded
}
