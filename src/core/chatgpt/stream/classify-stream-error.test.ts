import { describe, expect, it } from 'vitest'
import { classifyStreamError, toStreamError } from './classify-stream-error'

describe('classifyStreamError', () => {
  it.each([
    ['Our systems have detected unusual activity from your device. Please try again later.', 'unusual-activity'],
    ['Unusual activity has been detected from your device. Try again later.', 'unusual-activity'],
    ['Only one message at a time. Please allow any other responses to complete before sending another message, or wait one minute.', 'one-at-a-time'],
    ['This content may violate our usage policies.', 'moderation'],
    ['Your message was flagged as potentially violating our usage policy.', 'moderation'],
    ['You have sent too many messages to the model. Please try again later.', 'rate-limited'],
    ["You've reached our limit of messages per hour. Please try again later.", 'rate-limited'],
    ['The message you submitted was too long, please reload the conversation and submit something shorter.', 'too-long'],
    ['Conversation not found', 'conversation-not-found'],
    ['Your authentication token has expired. Please try signing in again.', 'token-expired'],
    ['Something went wrong while generating the response.', 'server'],
  ] as const)('%s → %s', (text, code) => {
    expect(classifyStreamError(text)).toBe(code)
  })

  it('uses the code when there is no text, and says unknown when there is neither', () => {
    expect(classifyStreamError(undefined, 'model_cap_exceeded')).toBe('rate-limited')
    expect(classifyStreamError(undefined, 'flagged_by_moderation')).toBe('moderation')
    expect(classifyStreamError(undefined, 'some_new_code')).toBe('server')
    expect(classifyStreamError(undefined)).toBe('unknown')
  })
})

describe('toStreamError', () => {
  it('reads string errors, HTTP-style objects, and the retry hint', () => {
    expect(toStreamError('Something went wrong').toJSON()).toMatchObject({ code: 'server', serverMessage: 'Something went wrong' })
    const limited = toStreamError({ detail: { clears_in: 60, code: 'model_cap_exceeded', message: 'You have sent too many messages.' } }, undefined, () => 1_000)
    expect(limited.toJSON()).toMatchObject({ code: 'rate-limited', retryAt: 61_000, serverMessage: 'You have sent too many messages.' })
    expect(toStreamError(null, 'unusual_activity').code).toBe('unusual-activity')
  })

  it('caps the server text it keeps', () => {
    expect(toStreamError('x'.repeat(10_000)).details.serverMessage).toHaveLength(500)
  })
})
