/**
 * Keeps at most one prefetched sentinel bundle per generation, like the web app's ~9-minute
 * cache, so a send does not wait for PoW. A bundle is single-use: the server may reject a
 * requirements/proof pair seen twice (protocol.md §5.3), so `take` hands each out exactly once.
 */
import type { SentinelBundle } from './sentinel-client'

export interface SentinelCacheDeps {
  now: () => number
  /** Bundles with less than this left are discarded (default 30 s: the send must still arrive in time). */
  marginMs?: number
}

export function createSentinelCache<Bundle extends { expiresAt: number } = SentinelBundle>(deps: SentinelCacheDeps) {
  const margin = deps.marginMs ?? 30_000
  const ready = new Map<string, Bundle>()
  const warming = new Map<string, Promise<void>>()
  const usable = (bundle: Bundle) => bundle.expiresAt - deps.now() > margin

  /** The cached bundle for `key`, removed so nobody gets it again; undefined if none is usable. */
  function take(key: string): Bundle | undefined {
    const bundle = ready.get(key)
    ready.delete(key)
    return bundle && usable(bundle) ? bundle : undefined
  }

  /** Like {@link take}, but waits for a prefetch already under way instead of missing it. */
  async function claim(key: string): Promise<Bundle | undefined> {
    await warming.get(key)
    return take(key)
  }

  /**
   * Warms one bundle for `key` in the background. No-op while a usable one is cached or a fetch
   * is running (single-flight). Never rejects: a failed prefetch just leaves the cache empty and
   * the send fetches (and reports) for itself.
   */
  function prefetch(key: string, fetchBundle: () => Promise<Bundle>): Promise<void> {
    const cached = ready.get(key)
    if (cached && usable(cached)) return Promise.resolve()
    ready.delete(key)
    const running = warming.get(key)
    if (running) return running
    const run = fetchBundle()
      .then((bundle) => {
        if (usable(bundle)) ready.set(key, bundle)
      })
      .catch(() => undefined)
      .finally(() => warming.delete(key))
    warming.set(key, run)
    return run
  }

  /** Drops everything (logout, account switch, token change). */
  function clear(): void {
    ready.clear()
  }

  return { take, claim, prefetch, clear }
}

export type SentinelCache<Bundle extends { expiresAt: number } = SentinelBundle> = ReturnType<typeof createSentinelCache<Bundle>>
