/**
 * F13 at the client level, against the stand-in: every token issued so far is revoked (401
 * token_expired) while five requests are in flight at once, plus five questions queued in the job
 * runner. Exactly one `/api/auth/session` refresh serves them all; each request is retried at most
 * once; every question is accepted exactly once. (The pure single-flight rule is pinned in
 * src/core/chatgpt/session/with-token-retry.test.ts; the browser run is e2e/reliability.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRunnerFixture } from '../../src/background/reliability/testing/runner-fixture'
import { startStandIn, type RequestLogEntry, type StandIn } from '../chatgpt-stand-in/index'
import { createTestClient } from './client-harness'

let standIn: StandIn
beforeAll(async () => {
  standIn = await startStandIn({ era: '2026' })
})
afterAll(async () => {
  await standIn.close()
})

const tokenOf = (e: RequestLogEntry) => e.headers.authorization ?? ''

describe('401 during concurrent requests', () => {
  it('the stand-in refuses revoked tokens and issues a working one', async () => {
    const client = createTestClient(standIn)
    await client.getModels()
    standIn.revokeIssuedTokens()
    await client.getModels()
    const models = standIn.log.filter((e) => e.path === '/backend-api/models')
    expect(models.map((e) => e.status)).toEqual([200, 401, 200])
    expect(tokenOf(models[1]!)).toBe(tokenOf(models[0]!))
    expect(tokenOf(models[2]!)).not.toBe(tokenOf(models[0]!))
  })

  it('five at once: one refresh, each retried at most once, every question sent once', async () => {
    standIn.reset()
    const client = createTestClient(standIn)
    const fixture = createRunnerFixture({ client })
    await client.getModels()
    const revokedToken = tokenOf(standIn.log.filter((e) => e.path === '/backend-api/models').at(-1)!)
    const sessionsBefore = standIn.log.filter((e) => e.path === '/api/auth/session').length
    standIn.revokeIssuedTokens()
    const mark = standIn.log.length

    const threads = ['a', 'b', 'c', 'd', 'e']
    for (const key of threads) await fixture.openThread(key)
    const [models, jobs] = await Promise.all([
      Promise.all(threads.map(() => client.getModels())),
      Promise.all(threads.map((key) => fixture.runner.start(key, 'next', `question ${key}`))),
    ])
    const done = await Promise.all(jobs.map((job) => fixture.settled(job.jobId)))

    const after = standIn.log.slice(mark)
    const sessions = after.filter((e) => e.path === '/api/auth/session')
    const refused = after.filter((e) => e.status === 401)
    const modelReads = after.filter((e) => e.path === '/backend-api/models')
    const sends = after.filter((e) => e.method === 'POST' && e.path === '/backend-api/f/conversation')
    const ids = standIn.conversations().flatMap((c) => c.userMessageIds)
    console.log(
      `[401 x5] session fetches=${sessions.length} (before: ${sessionsBefore}) 401s=${refused.length} model reads=${modelReads.length} ` +
        `sends=${sends.length} accepted user messages=${ids.length} duplicates=${ids.length - new Set(ids).size}`,
    )
    expect(models.every((m) => m.models.length > 0)).toBe(true)
    expect(done.map((job) => job.status)).toEqual(['complete', 'complete', 'complete', 'complete', 'complete'])
    expect(sessions).toHaveLength(1)
    // Each of the five reads went at most twice: once refused with the old token, once with the new.
    expect(modelReads.length).toBeLessThanOrEqual(10)
    expect(modelReads.filter((e) => e.status === 200)).toHaveLength(5)
    // Only the revoked token was ever refused: nothing was sent twice with a token already known bad.
    expect(refused.every((e) => tokenOf(e) === revokedToken)).toBe(true)
    expect(refused.length).toBeLessThanOrEqual(threads.length + 1)
    expect(sends).toHaveLength(threads.length)
    expect(new Set(ids).size).toBe(threads.length)
    expect(standIn.violations()).toEqual([])
  })
})
