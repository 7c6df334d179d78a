import { describe, expect, it } from 'vitest'
import { readTokenClaims } from './jwt-claims'
import { fakeJwt } from './test-helpers'

describe('readTokenClaims', () => {
  it('reads exp and the OpenAI auth claim', () => {
    const token = fakeJwt({
      exp: 1_800_000_000,
      'https://api.openai.com/auth': { chatgpt_account_id: 'acc-1', user_id: 'user-1', chatgpt_plan_type: 'plus' },
      'https://api.openai.com/profile': { email: 'ü@example.com' },
    })
    expect(readTokenClaims(token)).toEqual({ expiresAt: 1_800_000_000_000, accountId: 'acc-1', userId: 'user-1', planType: 'plus' })
  })

  it('returns {} for anything that is not a readable JWT', () => {
    expect(readTokenClaims('not-a-jwt')).toEqual({})
    expect(readTokenClaims('a.!!!.c')).toEqual({})
    expect(readTokenClaims(`a.${Buffer.from('"str"').toString('base64url')}.c`)).toEqual({})
  })
})
