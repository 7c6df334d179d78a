/**
 * The core client end to end in Chromium: the worker answers a question through the 2026 protocol
 * (session → sentinel prepare/finalize with FNV proof → conduit prepare → f/conversation → delta v1).
 */
import { expect, it } from 'vitest'
import { useBrowserSuite } from './harness/browser-suite'

const suite = useBrowserSuite()

it('answers a question through the 2026 send path with sentinel, conduit and delta stream', async () => {
  const text = 'Two plus two is **4**.\n\n- 中文 ✓\n- emoji 👍🏽'
  suite.standIn.queueAnswer({ text, chunking: 64, delayMs: 1 })
  const page = await suite.ext.context.newPage()
  await page.goto(suite.ext.url('src/popup/index.html'))
  await page.getByTestId('composer').fill('what is 2+2')
  await page.getByTestId('composer').press('Enter')
  const answer = page.locator('[data-testid=answer][data-status=complete]')
  await answer.waitFor()
  expect(await answer.innerText()).toContain('Two plus two is 4.')

  const sends = suite.standIn.log.filter((e) => e.method === 'POST' && e.path === '/backend-api/f/conversation')
  expect(sends).toHaveLength(1)
  const send = sends[0]!
  expect(send.status).toBe(200)
  expect(send.violations).toEqual([])
  expect(send.headers['authorization']).toMatch(/^Bearer /)
  expect(send.headers['openai-sentinel-chat-requirements-token']).toBeTruthy()
  expect(send.headers['openai-sentinel-proof-token']).toMatch(/~S$/)
  expect(send.headers['x-conduit-token']).toBeTruthy()
  expect(suite.standIn.log.some((e) => e.path === '/backend-api/sentinel/chat-requirements/finalize' && e.status === 200)).toBe(true)
  expect(suite.standIn.violations()).toEqual([])
  const stored = suite.standIn.conversations()
  expect(stored).toHaveLength(1)
  await page.close()
})
