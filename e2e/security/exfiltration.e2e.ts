/**
 * Zero-click exfiltration (threats T3, T14; goals G2, G7): answers built to leak data through a
 * URL the renderer would fetch by itself are streamed into every surface, and during the whole run
 * nothing but chatgpt.com is contacted: the browser's request log (pages and the worker), the
 * "attacker" server's own hit count and the CSP violation listener all stay at zero. Links fetch
 * only on a real click, and then without a referrer. The extension CSP is checked as a backstop
 * too: the same variants injected as raw HTML into the page (a renderer bug) still fetch nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStandIn, type StandIn } from '../../test/chatgpt-stand-in/index'
import { batchAnswers } from '../../test/security/corpus/batch-answers'
import { exfilCorpus } from '../../test/security/corpus/exfil-payloads'
import type { LaunchedExtension } from '../harness/launch'
import { startPageServer, type PageServer } from '../pages/page-server'
import { launchForSelection } from '../pages/selection-harness'
import { watchContext, type Detector } from './support/detector'
import { findLiveMarkup } from './support/inert-dom'
import { startAttacker, type LoopbackServer } from './support/loopback-servers'
import { logRequests, type RequestLog } from './support/request-log'
import { openPopupSurface, openSurfaces } from './support/surfaces'

let standIn: StandIn
let attacker: LoopbackServer
let ext: LaunchedExtension
let detector: Detector
let requests: RequestLog
let pages: PageServer

/** Long enough for a lazy image, a font or a prefetch to go out after the answer settled. */
const SETTLE_MS = 750

beforeAll(async () => {
  standIn = await startStandIn({ era: '2026' })
  attacker = await startAttacker()
  pages = await startPageServer()
  ext = await launchForSelection(standIn)
  requests = logRequests(ext.context)
  detector = await watchContext(ext.context)
})
afterAll(async () => {
  await ext?.close()
  await standIn?.close()
  await attacker?.close()
  await pages?.close()
})

describe('zero-click exfiltration', () => {
  it('streams every variant into every surface and contacts nothing but chatgpt.com', async () => {
    const corpus = exfilCorpus(attacker.origin)
    expect(corpus.length).toBeGreaterThanOrEqual(40)
    const surfaces = await openSurfaces(ext, 'exfil', pages)
    const pagesBefore = ext.context.pages().length
    for (const surface of surfaces) {
      // Shown, as a person would have it: a background tab gets no frames, so no pointer events.
      await surface.page.bringToFront()
      const batches = batchAnswers(corpus, 16)
      for (const [i, batch] of batches.entries()) {
        standIn.queueAnswer({ text: batch.text, tokensPerFrame: 64, delayMs: 0 })
        await surface.ask(`exfil batch ${i + 1}`)
        expect(await surface.waitForFinal(i)).toBe('complete')
        expect(await surface.storedText(i)).toBe(batch.text)
      }
      // A real pointer over every link must not prefetch or preconnect either.
      let hovered = 0
      for (const link of await surface.view.locator('[data-testid=answer] a').all()) {
        await link.evaluate((el) => el.scrollIntoView({ block: 'center' }))
        const box = await link.boundingBox()
        if (!box) continue
        await surface.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
        hovered += 1
      }
      expect(hovered).toBeGreaterThan(0)
      await surface.page.waitForTimeout(SETTLE_MS)
      expect(await surface.view.evaluate(findLiveMarkup)).toEqual([])
      console.log(`[exfil] ${surface.name}: ${corpus.length} variants in ${batches.length} answers, pointer over ${hovered} links`)
    }
    // The article page the overlay sits on loads itself from the test web server: the web's own traffic.
    const offList = requests.offAllowList([pages.origin])
    const events = await detector.events()
    const standInHosts = [...new Set(standIn.log.map((e) => e.host))]
    console.log(
      `[exfil] requests: ${requests.all.length} total, ${offList.length} off the allow-list; attacker hits: ${attacker.hits.length}; ` +
        `CSP violations/executions: ${events.length}; stand-in hosts: ${standInHosts.join(', ')}`,
    )
    expect(offList).toEqual([])
    expect(attacker.hits).toEqual([])
    expect(events).toEqual([])
    expect(standInHosts).toEqual(['chatgpt.com'])
    expect(ext.context.pages().length).toBe(pagesBefore)
    for (const surface of surfaces) await surface.close()
  })

  it('follows a link only on a real click, in a new tab, without a referrer', async () => {
    const leak = `${attacker.origin}/clicked?q=SECRET`
    standIn.queueAnswer({ text: `Read [the report](${leak}) before lunch.`, delayMs: 0 })
    const surface = await openPopupSurface(ext, 'click')
    await surface.ask('a link please')
    await surface.waitForFinal(0)
    const link = surface.page.locator('[data-testid=answer] a', { hasText: 'the report' })
    await link.hover()
    await surface.page.waitForTimeout(SETTLE_MS)
    expect(attacker.hits).toEqual([])
    expect(await link.getAttribute('href')).toBe(leak)

    const opened = ext.context.waitForEvent('page')
    await link.click()
    const tab = await opened
    detector.allowNavigation(tab)
    await tab.waitForLoadState('domcontentloaded')
    expect(tab.url()).toBe(leak)
    // The popup stays where it was; the click opened a separate tab with no way back to it.
    expect(surface.page.url()).toContain('chrome-extension://')
    expect(await tab.evaluate(() => window.opener)).toBeNull()
    // The new tab also asks for its favicon, as any web page does; only the navigation counts.
    const navigations = attacker.hits.filter((h) => h.url.startsWith('/clicked'))
    expect(navigations.map((h) => h.url)).toEqual(['/clicked?q=SECRET'])
    expect(navigations[0]!.headers.referer).toBeUndefined()
    console.log(`[exfil] link: 0 hits before the click, ${navigations.length} navigation after it, referer sent: no`)
    await tab.close()
    await surface.close()
  })
})

describe('the extension CSP as a backstop', () => {
  it('blocks every subresource variant even when injected as raw HTML into each extension page', async () => {
    const corpus = exfilCorpus(attacker.origin).filter((p) => p.subresource)
    for (const surface of await openSurfaces(ext, 'backstop', pages)) {
      standIn.queueAnswer({ text: 'ready', delayMs: 0 })
      await surface.ask('ready?')
      await surface.waitForFinal(0)
      requests.clear()
      attacker.hits.length = 0
      await detector.reset()
      // Simulates a renderer bug: the answer's markup goes straight into the DOM.
      await surface.view.evaluate((html) => {
        const host = document.createElement('div')
        host.innerHTML = html
        document.body.append(host)
      }, corpus.map((p) => p.markdown).join('\n'))
      await surface.page.waitForTimeout(SETTLE_MS * 2)
      const leaked = [...new Set(attacker.hits.map((h) => h.url.split('?')[0]))]
      // The browser logs a load CSP refused as a request that failed with 'csp' (or 'origin' for a
      // cross-origin SVG <use>): refused before anything left the machine, as the hit count confirms.
      const offList = requests.offAllowList([pages.origin])
      const left = offList.filter((r) => r.failure !== 'csp' && r.failure !== 'origin').map((r) => r.url)
      const blocked = (await detector.events()).filter((e) => e.kind === 'csp').length
      console.log(
        `[exfil] CSP backstop (${surface.name}): ${corpus.length} raw subresource variants → ${leaked.length} reached the attacker, ` +
          `${left.length} left the browser, ${offList.length} refused in the browser, ${blocked} CSP violation events`,
      )
      expect(leaked).toEqual([])
      expect(left).toEqual([])
      expect(blocked).toBeGreaterThan(0)
      await surface.close()
    }
    await detector.reset()
  })
})
