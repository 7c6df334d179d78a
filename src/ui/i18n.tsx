/**
 * Every user-visible string in ui/ goes through `t()`. The popup backs it with
 * `browser.i18n.getMessage`; tests back it with the en messages.json (see test-i18n.tsx), so a
 * missing key fails a test instead of showing an empty label.
 */
import { createContext } from 'preact'
import { useContext } from 'preact/hooks'

/** Chrome's `i18n.getMessage` signature: `$1`-style substitutions fill the message's placeholders. */
export type Translate = (key: string, substitutions?: string | string[]) => string

/** Falls back to the key so an unprovided context is visible in development, never blank. */
const fallback: Translate = (key) => key

/** Provide a `Translate` at the root of each surface. */
export const I18nContext = createContext<Translate>(fallback)

/** The current surface's translate function. */
export function useT(): Translate {
  return useContext(I18nContext)
}

/**
 * `t` with each plain message looked up once. Every label a component renders goes through `t`,
 * and `browser.i18n.getMessage` is a call into the extension bindings; messages never change
 * while a page lives, so plain lookups are kept (substituted ones are passed through).
 */
export function cachedTranslate(t: Translate): Translate {
  const cache = new Map<string, string>()
  return (key, substitutions) => {
    if (substitutions !== undefined) return t(key, substitutions)
    let message = cache.get(key)
    if (message === undefined) cache.set(key, (message = t(key)))
    return message
  }
}
