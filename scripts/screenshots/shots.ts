/**
 * Every README picture is one named step: it drives the built extension the way a person would
 * (ask in the popup, select text and use the menu, type `gpt …` in the address bar, open the
 * options) against the stand-in, waits for the real rendered answer, and returns the PNG.
 * The runner (scripts/screenshots.ts) takes each step in every language and theme.
 */
import type { Frame, Page } from 'playwright-core'
import type { StandIn } from '../../test/chatgpt-stand-in/index'
import type { LaunchedExtension } from '../../e2e/harness/launch'
import { PopupPage } from '../../e2e/harness/popup-page'
import { clickMenu, grantActiveTab, openTab, overlayFrame, selectText } from '../../e2e/pages/selection-harness'
import type { ShotContent, ShotLocale } from './content'
import type { DemoSite } from './demo-site'
import { WIDE } from './launch-for-shots'

export interface ShotContext {
  ext: LaunchedExtension
  standIn: StandIn
  site: DemoSite
  locale: ShotLocale
  content: ShotContent
}

export interface Shot {
  name: string
  /** What the picture shows (the README's alt text). */
  shows: string
  take(context: ShotContext): Promise<Buffer>
}

const ANSWER_TIMEOUT = 30_000

/** The first answer is final and, if it has code, its colours are on (highlighting loads lazily). */
async function answerSettled(scope: Page | Frame, withCode: boolean): Promise<void> {
  await scope.locator('[data-testid=answer][data-status=complete]').first().waitFor({ state: 'attached', timeout: ANSWER_TIMEOUT })
  if (withCode) await scope.locator('[data-testid=answer] pre code span[class^="hl-"]').first().waitFor({ state: 'attached', timeout: ANSWER_TIMEOUT })
}

/** No hover effects or caret in the picture. */
async function still(page: Page): Promise<void> {
  await page.mouse.move(0, 0)
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
}

export const SHOTS: readonly Shot[] = [
  {
    name: 'popup',
    shows: 'The toolbar popup answering a question with code',
    async take({ ext, standIn, content }) {
      standIn.queueAnswer({ text: content.popup.answer })
      const popup = await PopupPage.open(ext, 'popup')
      await popup.page.setViewportSize({ width: 420, height: 560 })
      await popup.ask(content.popup.question)
      await answerSettled(popup.page, true)
      await still(popup.page)
      const png = await popup.page.screenshot()
      await popup.close()
      return png
    },
  },
  {
    name: 'selection',
    shows: 'Ask about selection: the answer in an overlay on the page',
    async take({ ext, standIn, site, locale, content }) {
      standIn.queueAnswer({ text: content.selection.answer })
      const tab = await openTab(ext, site.url(locale))
      // Tall enough that the overlay fits below the selection, where it opens when there is room.
      await tab.page.setViewportSize({ width: WIDE.width, height: 900 })
      await grantActiveTab(ext, tab)
      const selection = await selectText(tab.page, '#selection')
      await clickMenu(ext, tab, 'ask-selection', selection)
      const frame = await overlayFrame(tab.page)
      await answerSettled(frame, false)
      await tab.page.mouse.move(0, 0)
      const png = await tab.page.screenshot()
      await tab.page.close()
      return png
    },
  },
  {
    name: 'omnibox',
    shows: 'The answer page opened by typing “gpt” and a question in the address bar',
    async take({ ext, standIn, content }) {
      standIn.queueAnswer({ text: content.omnibox.answer })
      const worker = await ext.currentWorker()
      // The address bar can't be typed into headless; its event is fired in the worker (toolchain.md §4).
      const [page] = await Promise.all([
        ext.context.waitForEvent('page'),
        worker.evaluate((text) => (chrome.omnibox.onInputEntered as unknown as { dispatch(...args: unknown[]): void }).dispatch(text, 'newForegroundTab'), content.omnibox.question),
      ])
      await page.setViewportSize(WIDE)
      await answerSettled(page, true)
      await still(page)
      const png = await page.screenshot()
      await page.close()
      return png
    },
  },
  {
    name: 'options',
    shows: 'The options page: privacy per surface, model, language, theme, shortcuts, connection check, history',
    async take({ ext }) {
      const page = await ext.context.newPage()
      await page.goto(ext.url('src/options/index.html'))
      await page.locator('main.options h1').waitFor()
      await page.locator('#connection').waitFor()
      await still(page)
      const png = await page.screenshot()
      await page.close()
      return png
    },
  },
]
