/**
 * XSS corpus in real Chromium (threats T1, goal G1): every payload of test/security/corpus is
 * streamed from the stand-in as model output into every surface present, once in large frames and
 * once split into small deltas, and must run nothing: no dialog, no hooked global, no blocked
 * inline script (CSP violation), no navigation, no new page, and no live markup in the DOM. A
 * self-test first proves each detector channel fires on a real execution.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStandIn, type StandIn } from '../../test/chatgpt-stand-in/index'
import { batchAnswers } from '../../test/security/corpus/batch-answers'
import { countByCategory, xssCorpus } from '../../test/security/corpus/xss-corpus'
import type { LaunchedExtension } from '../harness/launch'
import { startPageServer, type PageServer } from '../pages/page-server'
import { launchForSelection } from '../pages/selection-harness'
import { watchContext, type Detector } from './support/detector'
import { findLiveMarkup } from './support/inert-dom'
import { startWebPages, type LoopbackServer } from './support/loopback-servers'
import { openSurfaces, type AnswerSurface } from './support/surfaces'

let standIn: StandIn
let ext: LaunchedExtension
let detector: Detector
let web: LoopbackServer
let pages: PageServer

const corpus = xssCorpus()

beforeAll(async () => {
  standIn = await startStandIn({ era: '2026' })
  web = await startWebPages({ '/plain': '<!doctype html><title>plain</title><p>a page without CSP</p>' })
  pages = await startPageServer()
  ext = await launchForSelection(standIn)
  detector = await watchContext(ext.context)
})
afterAll(async () => {
  await ext?.close()
  await standIn?.close()
  await web?.close()
  await pages?.close()
})

describe('detector self-test', () => {
  it('sees a real execution on a plain page through every channel', async () => {
    const page = await ext.context.newPage()
    await page.goto(`${web.origin}/plain`)
    await page.evaluate(() => {
      document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="__xss(\'self-handler\')">')
    })
    await page.evaluate(() => alert('self-dialog'))
    await page.evaluate(() => print())
    await expect.poll(async () => (await detector.events()).map((e) => e.kind).sort()).toEqual(['dialog', 'print', 'xss-global'])
    await page.close()
    await detector.reset()
  })

  it('sees an inline handler the extension CSP blocked in every real sink page', async () => {
    for (const surface of await openSurfaces(ext, 'self-test', pages)) {
      standIn.queueAnswer({ text: 'ready', delayMs: 0 })
      await surface.ask('ready?')
      await surface.waitForFinal(0)
      await surface.view.evaluate(() => {
        const answer = document.createElement('div')
        answer.dataset.testid = 'answer'
        answer.innerHTML = '<img src="data:," onerror="__xss(\'self-csp\')">'
        document.body.append(answer)
      })
      const blocked = async () => (await detector.events()).filter((e) => e.kind === 'csp' && e.url === surface.view.url())
      await expect.poll(async () => (await blocked()).some((e) => e.detail.startsWith('script-src'))).toBe(true)
      const live = await surface.view.evaluate(findLiveMarkup)
      expect(live.map((f) => f.problem)).toContain('handler onerror')
      console.log(`[xss] self-test (${surface.name}): a blocked inline handler is seen`)
      await surface.close()
    }
    await detector.reset()
  })
})

describe('the corpus renders inert', () => {
  it(`has at least 300 payloads`, () => {
    console.log(`[xss] corpus: ${corpus.length} payloads`, countByCategory(corpus))
    expect(corpus.length).toBeGreaterThanOrEqual(300)
  })

  // Large frames go through every surface. Small deltas exercise the delta path (seq-checked
  // appends, per-frame batching, the growing tail block), which every surface shares through the
  // same port hook and renderer, so one surface carries it and the suite stays quick.
  const modes = [
    { name: 'large frames', batch: 48, answer: { tokensPerFrame: 4096, delayMs: 0 }, surfaces: 'all' },
    { name: 'small deltas', batch: 80, answer: { tokensPerFrame: 5, chunking: 11, delayMs: 0 }, surfaces: 'popup' },
  ] as const

  for (const mode of modes) {
    it(`streams every payload in ${mode.name} into ${mode.surfaces === 'all' ? 'every surface' : `the ${mode.surfaces}`}: 0 executions`, async () => {
      const batches = batchAnswers(corpus, mode.batch)
      const all: AnswerSurface[] = await openSurfaces(ext, `xss-${mode.batch}`, mode.surfaces === 'all' ? pages : undefined)
      const surfaces = all.filter((s) => mode.surfaces === 'all' || s.name === mode.surfaces)
      for (const unused of all.filter((s) => !surfaces.includes(s))) await unused.close()
      for (const surface of surfaces) {
        await surface.page.bringToFront()
        for (const [i, batch] of batches.entries()) {
          standIn.queueAnswer({ text: batch.text, ...mode.answer })
          await surface.ask(`payload batch ${i + 1}`)
          expect(await surface.waitForFinal(i)).toBe('complete')
          // The whole batch arrived: nothing was dropped on the way to the renderer.
          expect(await surface.storedText(i)).toBe(batch.text)
        }
        const live = await surface.view.evaluate(findLiveMarkup)
        const events = await detector.events()
        console.log(
          `[xss] ${surface.name}, ${mode.name}: ${corpus.length} payloads in ${batches.length} answers → ` +
            `${events.length} executions/violations, ${live.length} live elements`,
        )
        expect(events).toEqual([])
        expect(live).toEqual([])
        await surface.close()
      }
      expect(standIn.violations()).toEqual([])
    })
  }
})
