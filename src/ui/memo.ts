/**
 * Preact's `memo` lives in preact/compat, which also patches React behaviour into every event
 * handler; this is the one piece needed. A memoised component re-renders only when a prop changed
 * (by identity), so a streamed update re-renders the answer that grew, not the header, the
 * composer and every earlier answer around it.
 */
import { createElement, type Component, type FunctionComponent } from 'preact'

function shallowEqual(a: object, b: object): boolean {
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  for (const key in left) if (left[key] !== right[key]) return false
  for (const key in right) if (!(key in left)) return false
  return true
}

/** `Inner`, skipped while its props are shallowly equal to the last render's. */
export function memo<P extends object>(Inner: FunctionComponent<P>): FunctionComponent<P> {
  function Memo(this: Component<P>, props: P) {
    this.shouldComponentUpdate = (next: P) => !shallowEqual(this.props, next)
    return createElement(Inner, props)
  }
  Memo.displayName = `Memo(${Inner.displayName ?? Inner.name})`
  return Memo
}
