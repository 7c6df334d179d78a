import { describe, expect, it } from 'vitest'
import { parseBackgroundEvent } from './parse-event'
import { job, thread } from './test-support'

describe('parseBackgroundEvent', () => {
  it('accepts each well-formed event', () => {
    const events = [
      { type: 'thread', thread: thread([job({ error: { code: 'network', message: 'x' } })]) },
      { type: 'job', job: job({ seq: 3 }) },
      { type: 'delta', jobId: 'j1', seq: 1, appended: 'hi' },
      { type: 'delta', jobId: 'j1', seq: 9, appended: 'merged', fromSeq: 2 },
      { type: 'models', models: [{ slug: 'a', title: 'A' }], defaultSlug: 'a' },
      { type: 'accountStatus', status: { loggedIn: false, error: { code: 'not-logged-in', message: '' } } },
      { type: 'rejected', reason: 'malformed request' },
    ]
    for (const event of events) expect(parseBackgroundEvent(event)).toEqual(event)
  })

  it('rejects malformed messages', () => {
    const bad = [
      null,
      'delta',
      [],
      { type: 'nope' },
      { type: 'delta', jobId: 'j1', seq: '1', appended: 'x' },
      { type: 'delta', jobId: 'j1', seq: Number.NaN, appended: 'x' },
      { type: 'delta', jobId: 'j1', seq: 2, appended: 'x', fromSeq: 3 },
      { type: 'delta', jobId: 'j1', seq: 2, appended: 'x', fromSeq: '1' },
      { type: 'job', job: { ...job(), status: 'exploded' } },
      { type: 'job', job: { ...job(), text: 42 } },
      { type: 'thread', thread: { threadKey: 'popup', surface: 'popup', jobs: [{}] } },
      { type: 'accountStatus', status: { loggedIn: 'yes' } },
    ]
    for (const message of bad) expect(parseBackgroundEvent(message)).toBeUndefined()
  })

  it('drops malformed models but keeps the rest', () => {
    expect(parseBackgroundEvent({ type: 'models', models: [{ slug: 'a', title: 'A' }, { slug: 1 }] })).toEqual({
      type: 'models',
      models: [{ slug: 'a', title: 'A' }],
    })
  })
})
