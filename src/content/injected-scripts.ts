/**
 * The scripts the worker injects into pages, built as standalone classic scripts (one IIFE each,
 * by scripts/injected-scripts.ts) rather than passed as `executeScript({ func })`: a `func` is
 * compiled into the worker's bundle, and the worker's size is what its cold start pays for
 * (issue 10). Each file defines one global in the extension's isolated world of that frame; the
 * worker then calls it through a one-line caller (src/background/call-injected.ts). The page's own
 * world never sees it, and nothing here is web-accessible: `executeScript({ files })` needs no
 * `web_accessible_resources` entry.
 */
export const INJECTED_SCRIPTS = {
  /** The answer overlay (src/content/mount-overlay.ts). */
  overlay: { file: 'injected/mount-overlay.js', source: 'src/content/mount-overlay.ts', global: 'askAnywhereMountOverlay', export: 'mountOverlay' },
  /** The chatgpt.com tab relay (src/content/relay-in-page.ts). */
  relay: { file: 'injected/relay-in-page.js', source: 'src/content/relay-in-page.ts', global: 'askAnywhereRelayInPage', export: 'relayInPage' },
} as const
