/**
 * Renderer robustness (threats T16, goal G17): each adversarial answer is streamed from the
 * stand-in into a fresh popup, and a `longtask` PerformanceObserver in the page records every
 * main-thread task from the question on. None may exceed 100 ms (the bound). Answers over
 * the size cap show as plain text with a "render anyway" / "show raw" toggle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStandIn, type StandIn } from '../../test/chatgpt-stand-in/index'
import { adversarialDocs, type AdversarialDoc } from '../../test/security/corpus/adversarial-markdown'
import { launchExtension, type LaunchedExtension } from '../harness/launch'
import { PopupPage } from '../harness/popup-page'

let standIn: StandIn
let ext: LaunchedExtension

const LONG_TASK_MS = 100
/** The renderer's size cap (src/ui/markdown/Markdown.tsx MAX_RENDERED_CHARS). */
const CAP = 200_000

/** Starts collecting long tasks in every page before its scripts run. */
function observeLongTasks(): void {
  const w = window as unknown as { __longTasks?: Array<{ start: number; duration: number }> }
  w.__longTasks = []
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.__longTasks!.push({ start: entry.startTime, duration: entry.duration })
  }).observe({ type: 'longtask', buffered: true })
}

beforeAll(async () => {
  standIn = await startStandIn({ era: '2026' })
  ext = await launchExtension({ standIn, loggedIn: true })
  await ext.context.addInitScript(observeLongTasks)
})
afterAll(async () => {
  await ext?.close()
  await standIn?.close()
})

describe('adversarial markdown', () => {
  const docs = adversarialDocs()

  it('the long-task observer sees a real long task (self-test)', async () => {
    const popup = await PopupPage.open(ext, 'longtask-self-test')
    // A task of the page's own (a task run by a DevTools evaluate is not reported as a long task).
    await popup.page.evaluate(() => {
      setTimeout(() => {
        const end = performance.now() + 150
        while (performance.now() < end) {
          // busy: one 150 ms task
        }
      }, 0)
    })
    const seen = () => popup.page.evaluate(() => (window as unknown as { __longTasks: Array<{ duration: number }> }).__longTasks.some((t) => t.duration >= 140))
    await expect.poll(seen).toBe(true)
    await popup.close()
  })

  it(`renders each of ${docs.length} adversarial answers without a main-thread task over ${LONG_TASK_MS} ms`, async () => {
    const results: Array<{ name: string; longest: number; chars: number; raw: boolean; tries: number[] }> = []
    // One popup for all; "New chat" clears it between answers, before the measured window opens.
    const popup = await PopupPage.open(ext, 'adversarial')
    const renderOnce = async (doc: AdversarialDoc, label: string) => {
      if ((await popup.answers().count()) > 0) {
        await popup.page.getByTestId('new-chat').click()
        await expect.poll(() => popup.answers().count()).toBe(0)
      }
      await popup.page.waitForTimeout(50)
      const since = await popup.page.evaluate(() => performance.now())
      standIn.queueAnswer({ text: doc.text, tokensPerFrame: 65_536, delayMs: 0 })
      await popup.ask(label)
      await popup.waitForAnswer(0)
      // Highlighting and the last frame run after the final status.
      await popup.page.waitForTimeout(120)
      expect((await popup.storedJobs()).at(-1)!.text.length).toBe(doc.text.length)
      return popup.page.evaluate(
        (t0) => Math.round(Math.max(0, ...(window as unknown as { __longTasks: Array<{ start: number; duration: number }> }).__longTasks.filter((t) => t.start >= t0).map((t) => t.duration))),
        since,
      )
    }
    for (const [i, doc] of docs.entries()) {
      const tries = [await renderOnce(doc, `adversarial ${i}`)]
      // This box is shared: a task stretched past the bound by another process gets one more try.
      // A renderer that really stalls (the seconds these inputs cost before lex-budget.ts) fails both.
      if (tries[0]! > LONG_TASK_MS) tries.push(await renderOnce(doc, `adversarial ${i}, again`))
      const raw = (await popup.page.getByTestId('render-toggle').count()) > 0
      results.push({ name: doc.name, longest: Math.min(...tries), chars: doc.text.length, raw, tries })
    }
    await popup.close()
    for (const r of results) console.log(`[render] ${r.name}: ${r.chars} chars, longest task ${r.tries.join(' ms, then ')} ms${r.raw ? ' (over the cap: plain text, "render anyway" offered)' : ''}`)
    const slow = results.filter((r) => r.longest > LONG_TASK_MS)
    console.log(`[render] ${results.length} adversarial answers → ${slow.length} with a task over ${LONG_TASK_MS} ms`)
    expect(slow).toEqual([])
    // Exactly the answers over the cap are shown as plain text with the toggle.
    expect(results.filter((r) => r.raw).map((r) => r.name)).toEqual(results.filter((r) => r.chars > CAP).map((r) => r.name))
  })

  it('offers "render anyway" and then "show raw" for an answer over the size cap', async () => {
    const paragraph = `${'**bold** and more. '.repeat(40)}\n\n`
    const text = paragraph.repeat(Math.ceil((CAP + 1) / paragraph.length))
    standIn.queueAnswer({ text, tokensPerFrame: 65_536, delayMs: 0 })
    const popup = await PopupPage.open(ext, 'oversize-toggle')
    await popup.ask('a very long one')
    await popup.waitForAnswer(0)
    const answer = popup.answers().nth(0)
    const toggle = answer.getByTestId('render-toggle')
    expect(await answer.locator('pre.md-raw').count()).toBe(1)
    expect(await answer.locator('strong').count()).toBe(0)
    const renderLabel = await toggle.innerText()
    await toggle.click()
    await expect.poll(() => answer.locator('strong').count()).toBeGreaterThan(0)
    expect(await answer.locator('pre.md-raw').count()).toBe(0)
    const rawLabel = await toggle.innerText()
    expect(rawLabel).not.toBe(renderLabel)
    await toggle.click()
    await expect.poll(() => answer.locator('pre.md-raw').count()).toBe(1)
    console.log(`[render] size cap ${CAP} chars: "${renderLabel}" → rendered → "${rawLabel}" → raw again`)
    await popup.close()
  })
})
