import { describe, expect, it } from 'vitest'
import type { AnswerOutcome, AnswerUpdate } from '../../core/chatgpt/answer-update'
import { ChatGptError } from '../../core/chatgpt/chatgpt-error'
import type { ConnectionStep } from '../../shared/messaging/protocol'
import { CHECK_QUESTION, runConnectionCheck, type ConnectionCheckDeps } from './run-connection-check'

type Fail = Partial<Record<'session' | 'token' | 'sentinel' | 'question', ChatGptError>>

function client(fail: Fail, sentinel: 'passed' | 'not-needed' = 'passed') {
  const asked: unknown[] = []
  const deps: ConnectionCheckDeps = {
    newId: () => 'id',
    model: async () => 'auto',
    client: {
      diagnose: {
        session: async () => {
          if (fail.session) throw fail.session
        },
        token: async () => {
          if (fail.token) throw fail.token
        },
        sentinel: async () => {
          if (fail.sentinel) throw fail.sentinel
          return sentinel
        },
      },
      ask(input) {
        asked.push(input.turn)
        return (async function* (): AsyncGenerator<AnswerUpdate, AnswerOutcome> {
          if (fail.question) throw fail.question
          const update = { textSoFar: 'OK', appended: 'OK', replaced: false }
          yield update
          return { kind: 'complete', last: update }
        })()
      },
    },
  }
  return { deps, asked }
}

async function run(fail: Fail, sentinel?: 'passed' | 'not-needed') {
  const reports: ConnectionStep[][] = []
  const { deps, asked } = client(fail, sentinel)
  const steps = await runConnectionCheck(deps, (s) => reports.push(s))
  return { steps, reports, asked, summary: steps.map((s) => `${s.id}:${s.status}${s.error ? `:${s.error.code}` : ''}`) }
}

describe('connection check', () => {
  it('passes every step and asks one temporary test question', async () => {
    const { summary, asked, reports } = await run({})
    expect(summary).toEqual(['session:passed', 'token:passed', 'sentinel:passed', 'question:passed'])
    expect(asked).toEqual([expect.objectContaining({ prompt: CHECK_QUESTION, temporary: true, action: 'next', model: 'auto' })])
    // Each step is reported running before its result.
    expect(reports[0]?.map((s) => s.status)).toEqual(['running', 'pending', 'pending', 'pending'])
    expect(reports).toHaveLength(8)
  })

  it.each([
    ['logged out', { session: new ChatGptError('not-logged-in', '') }, 'session', 'not-logged-in'],
    ['Cloudflare', { session: new ChatGptError('cloudflare-check', '') }, 'session', 'cloudflare-check'],
    ['token refused', { token: new ChatGptError('token-expired', '') }, 'token', 'token-expired'],
    ['sentinel rejected', { sentinel: new ChatGptError('unusual-activity', '') }, 'sentinel', 'unusual-activity'],
    ['rate limit', { question: new ChatGptError('rate-limited', '', { retryAt: 5 }) }, 'question', 'rate-limited'],
  ] as const)('%s: names the failing step, skips the rest', async (_name, fail, step, code) => {
    const { steps } = await run(fail)
    const failed = steps.find((s) => s.status === 'failed')
    expect(failed?.id).toBe(step)
    expect(failed?.error?.code).toBe(code)
    const after = steps.slice(steps.indexOf(failed!) + 1)
    expect(after.every((s) => s.status === 'skipped')).toBe(true)
    expect(steps.slice(0, steps.indexOf(failed!)).every((s) => s.status === 'passed')).toBe(true)
  })

  it('reports a sentinel the protocol does not have as not needed', async () => {
    const { summary } = await run({}, 'not-needed')
    expect(summary[2]).toBe('sentinel:not-needed')
  })

  it('turns a non-ChatGPT failure into an unknown error', async () => {
    const { steps } = await run({ token: new Error('boom') as ChatGptError })
    expect(steps[1]).toMatchObject({ status: 'failed', error: { code: 'unknown', message: 'Error: boom' } })
  })
})
