/**
 * F13 / G13 in the browser: the stand-in revokes every token it issued (401 token_expired) and five
 * UIs ask at the same moment (five ports from one extension page, each reading models and asking
 * in its own thread). Exactly one `/api/auth/session` refresh; each request retried at most once;
 * every question accepted exactly once.
 */
import { describe, expect, it } from 'vitest'
import type { RequestLogEntry } from '../../test/chatgpt-stand-in/index'
import type { JobSnapshot } from '../../src/shared/messaging/protocol'
import { PopupPage } from '../harness/popup-page'
import { pollUntil, sendsOf, useLedgeredSuite } from './support/kit'

const suite = useLedgeredSuite('401 refresh')

const tokenOf = (e: RequestLogEntry) => e.headers.authorization ?? ''

describe('401 token_expired during five concurrent requests', () => {
  it('one session refresh, each request retried at most once, each question sent once', async () => {
    const popup = await PopupPage.open(suite.ext, 'auth-warm')
    // The worker holds a token and has used it once.
    const warm = await suite.standIn.waitFor((e) => e.path === '/backend-api/models' && e.status === 200, 10_000)
    const revoked = tokenOf(warm)
    suite.standIn.revokeIssuedTokens()
    const mark = suite.standIn.log.length
    const keys = ['auth-1', 'auth-2', 'auth-3', 'auth-4', 'auth-5']

    // Five ports, as five popups would open them. Once each has its thread, all five read the
    // models and ask in the same task.
    await popup.page.evaluate(async (threadKeys) => {
      const ports = await Promise.all(
        threadKeys.map(
          (threadKey) =>
            new Promise<chrome.runtime.Port>((resolve) => {
              const port = chrome.runtime.connect({ name: 'ask-anywhere-ui' })
              port.onMessage.addListener((event: { type: string }) => {
                if (event.type === 'thread') resolve(port)
              })
              port.postMessage({ type: 'openThread', threadKey, surface: 'popup' })
            }),
        ),
      )
      ;(globalThis as unknown as { keep: unknown }).keep = ports
      ports.forEach((port, i) => {
        port.postMessage({ type: 'getModels' })
        port.postMessage({ type: 'ask', threadKey: threadKeys[i], prompt: `question from ${threadKeys[i]}` })
      })
    }, keys)

    const readJobs = () =>
      popup.page.evaluate(async (threadKeys) => {
        const stored = await chrome.storage.local.get(threadKeys.map((k) => `thread:${k}`))
        return threadKeys.map((k) => (stored[`thread:${k}`] as { jobs: JobSnapshot[] } | undefined)?.jobs[0]?.status ?? 'none')
      }, keys)
    const statuses = await pollUntil(readJobs, (list) => list.every((s) => s === 'complete' || s === 'failed'), 60_000, 200)

    const after = suite.standIn.log.slice(mark)
    const sessions = after.filter((e) => e.path === '/api/auth/session')
    const refused = after.filter((e) => e.status === 401)
    const modelReads = after.filter((e) => e.path === '/backend-api/models')
    const ids = suite.standIn.conversations().flatMap((c) => c.userMessageIds)
    // Each question's POST went at most twice (refused once, then with the new token).
    const postsPerMessage = new Map<string, number>()
    for (const e of sendsOf(suite.standIn)) {
      const id = (e.body as { messages?: { id: string }[] }).messages?.[0]?.id ?? ''
      postsPerMessage.set(id, (postsPerMessage.get(id) ?? 0) + 1)
    }
    console.log(
      `[401 x5, browser] session fetches=${sessions.length} 401s=${refused.length} model reads=${modelReads.length} (ok ${modelReads.filter((e) => e.status === 200).length}) ` +
        `sends=${sendsOf(suite.standIn).length} accepted=${ids.length} duplicates=${ids.length - new Set(ids).size} max POSTs per question=${Math.max(...postsPerMessage.values())} jobs=${statuses.join(',')}`,
    )
    expect(statuses).toEqual(['complete', 'complete', 'complete', 'complete', 'complete'])
    expect(sessions).toHaveLength(1)
    expect(refused.length).toBeGreaterThan(0)
    expect(refused.every((e) => tokenOf(e) === revoked)).toBe(true)
    expect(modelReads.filter((e) => e.status === 200)).toHaveLength(5)
    expect(modelReads.length).toBeLessThanOrEqual(10)
    expect(Math.max(...postsPerMessage.values())).toBeLessThanOrEqual(2)
    // Five reads refused at most once each, and one refused step of the first send.
    expect(refused.length).toBeLessThanOrEqual(keys.length + 1)
    expect(ids).toHaveLength(5)
    expect(new Set(ids).size).toBe(5)
    expect(suite.standIn.violations()).toEqual([])
    await popup.close()
  })
})
