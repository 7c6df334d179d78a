/**
 * The options page's Connection check (issue 7) against the stand-in: all four steps pass when
 * things work, and each fault is named at its own step with its one action: logged out and
 * Cloudflare at the session, a refused sentinel, and a rate limit on the test question.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { faults, type Fault, type StandIn } from '../test/chatgpt-stand-in/index'
import { useBrowserSuite } from './harness/browser-suite'
import { OptionsPage, sidebarConversations } from './harness/options-page'

const suite = useBrowserSuite()
let options: OptionsPage

beforeAll(async () => {
  options = await OptionsPage.open(suite.ext)
})

async function runCheck(): Promise<Record<string, string>> {
  const { page } = options
  await page.getByTestId('run-check').click()
  // Done when no step is pending or running.
  await page.waitForFunction(() => {
    const steps = [...document.querySelectorAll('[data-testid=check-step]')]
    return steps.length === 4 && steps.every((s) => !['pending', 'running'].includes(s.getAttribute('data-status') ?? ''))
  }, undefined, { timeout: 60_000 })
  const steps = await page.getByTestId('check-step').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-step'), r.getAttribute('data-status')]))
  return Object.fromEntries(steps)
}

describe('connection check', () => {
  it('passes session → token → sentinel → test question, leaving no ChatGPT history', async () => {
    expect(await runCheck()).toEqual({ session: 'passed', token: 'passed', sentinel: 'passed', question: 'passed' })
    expect(await options.page.getByTestId('check-ok').isVisible()).toBe(true)
    const send = suite.standIn.log.find((e) => e.method === 'POST' && e.path === '/backend-api/f/conversation')
    expect((send?.body as { history_and_training_disabled?: boolean }).history_and_training_disabled).toBe(true)
    expect(await sidebarConversations(suite.standIn)).toEqual([])
    expect(suite.standIn.violations()).toEqual([])
  })

  const CASES: { name: string; mode?: Parameters<StandIn['setMode']>[0]; fault?: Fault; step: string; code: string; action: RegExp; stepName: RegExp }[] = [
    { name: 'logged out', mode: { loggedIn: false }, step: 'session', code: 'not-logged-in', action: /log in/i, stepName: /session/i },
    { name: 'Cloudflare', mode: { cloudflare: true }, step: 'session', code: 'cloudflare-check', action: /security check/i, stepName: /session/i },
    // Refused for the worker, the step is retried from a chatgpt.com tab (issue 11); with none open
    // the fix is to open one.
    {
      name: 'sentinel rejected',
      fault: faults.unusualActivity({ match: { path: '/backend-api/sentinel/chat-requirements/prepare' } }),
      step: 'sentinel',
      code: 'relay-unavailable',
      action: /open chatgpt\.com/i,
      stepName: /sentinel/i,
    },
    { name: 'rate limit', fault: faults.rateLimited({ clearsIn: 3600 }), step: 'question', code: 'rate-limited', action: /retry/i, stepName: /test question/i },
  ]

  it.each(CASES)('$name: fails at the $step step, says why and what to do', async ({ mode, fault, step, code, action, stepName }) => {
    if (mode) suite.standIn.setMode(mode)
    if (fault) suite.standIn.injectFault(fault)
    const steps = await runCheck()
    const order = ['session', 'token', 'sentinel', 'question']
    const at = order.indexOf(step)
    expect(steps).toEqual(Object.fromEntries(order.map((id, i) => [id, i < at ? 'passed' : i === at ? 'failed' : 'skipped'])))
    const failure = options.page.getByTestId('check-failure')
    expect(await failure.getAttribute('data-step')).toBe(step)
    expect(await failure.innerText()).toMatch(stepName)
    const notice = failure.getByTestId('error-notice')
    expect(await notice.getAttribute('data-code')).toBe(code)
    expect(await notice.getByTestId('error-action').innerText()).toMatch(action)
    if (code === 'rate-limited') expect(await notice.innerText()).toMatch(/\d{1,2}:\d{2}/)
  })
})
