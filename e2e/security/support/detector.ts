/**
 * Watches every page and frame of a browser context for script execution and blocked loads:
 * - native dialogs (`alert`, `confirm`, `prompt`) through Playwright's `dialog` event;
 * - a hooked global `__xss(n)` and hooked `print` / `open`, installed by an init script before any
 *   page script runs;
 * - `securitypolicyviolation` events: under the extension CSP an inline handler or script a
 *   renderer emitted is blocked rather than run, so a violation is the renderer failing even when
 *   the CSP saved the day;
 * - console messages (CSP refusals and anything naming the hooks);
 * - navigations of a page after its first load, and pages opened without a click.
 * `selfTest` in the suites proves each channel fires on a real execution.
 */
import type { BrowserContext, Page } from 'playwright-core'

export interface SecurityEvent {
  kind: 'dialog' | 'xss-global' | 'print' | 'open' | 'csp' | 'console' | 'navigation' | 'new-page'
  detail: string
  url: string
}

/** Runs in every frame before its scripts (serialised by Playwright: keep it self-contained). */
function installHooks(): void {
  const w = window as unknown as Record<string, unknown>
  if (w.__securityEvents) return
  const events: Array<{ kind: string; detail: string; url: string }> = []
  w.__securityEvents = events
  const record = (kind: string, detail: string) => {
    events.push({ kind, detail, url: location.href })
    // Frames report to the top page too, so one read collects everything.
    try {
      if (window.top && window.top !== window) (window.top as unknown as { __securityEvents?: unknown[] }).__securityEvents?.push({ kind, detail, url: location.href })
    } catch {
      // A cross-origin frame keeps its own list.
    }
  }
  w.__xss = (id: unknown) => record('xss-global', String(id))
  w.print = () => record('print', '')
  w.open = (url?: unknown) => {
    record('open', String(url))
    return null
  }
  document.addEventListener(
    'securitypolicyviolation',
    (e) => record('csp', `${e.effectiveDirective} ${e.blockedURI} ${e.sample}`),
    true,
  )
}

export interface Detector {
  events(): Promise<SecurityEvent[]>
  /** Forget everything seen so far (after the self-test). */
  reset(): Promise<void>
  /** Stop counting a page's later navigations (a test that navigates on purpose). */
  allowNavigation(page: Page): void
}

/** Installs the hooks in `context` and starts recording. Call before opening pages. */
export async function watchContext(context: BrowserContext): Promise<Detector> {
  await context.addInitScript(installHooks)
  const fromNode: SecurityEvent[] = []
  const pages = new Set<Page>()
  const navigable = new WeakSet<Page>()

  const watch = (page: Page) => {
    pages.add(page)
    let loads = 0
    page.on('dialog', (dialog) => {
      fromNode.push({ kind: 'dialog', detail: `${dialog.type()} ${dialog.message()}`, url: page.url() })
      void dialog.dismiss().catch(() => undefined)
    })
    page.on('console', (message) => {
      const text = message.text()
      if (/Refused to|Content Security Policy|__xss/.test(text)) fromNode.push({ kind: 'console', detail: text, url: page.url() })
    })
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) return
      loads += 1
      if (loads > 1 && !navigable.has(page)) fromNode.push({ kind: 'navigation', detail: frame.url(), url: frame.url() })
    })
    page.on('close', () => pages.delete(page))
  }
  for (const page of context.pages()) watch(page)
  context.on('page', (page) => {
    // A page nobody opened from the test (a popup the answer opened itself) is an event.
    if (page.opener) void page.opener().then((opener) => opener && fromNode.push({ kind: 'new-page', detail: page.url(), url: opener.url() }))
    watch(page)
  })

  return {
    async events() {
      const inPages: SecurityEvent[] = []
      // Every frame keeps its own list (a cross-origin one, like the overlay iframe in a web page,
      // cannot report to its top page), so each frame is read; duplicates a frame also pushed to its
      // top are dropped.
      const seen = new Set<string>()
      for (const page of pages) {
        for (const frame of page.frames()) {
          const list = await frame
            .evaluate(() => ((window as unknown as { __securityEvents?: SecurityEvent[] }).__securityEvents ?? []).slice())
            .catch(() => [] as SecurityEvent[])
          for (const event of list) {
            const key = JSON.stringify(event)
            if (!seen.has(key)) inPages.push(event)
            seen.add(key)
          }
        }
      }
      return [...fromNode, ...inPages]
    },
    async reset() {
      fromNode.length = 0
      for (const page of pages) {
        for (const frame of page.frames()) {
          await frame.evaluate(() => {
            const list = (window as unknown as { __securityEvents?: unknown[] }).__securityEvents
            if (list) list.length = 0
          }).catch(() => undefined)
        }
      }
    },
    allowNavigation(page) {
      navigable.add(page)
    },
  }
}
