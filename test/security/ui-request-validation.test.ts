/**
 * The worker's entry check for UI messages (threats T6, rule R8): every `UiRequest` type accepts
 * its well-formed shape and refuses each malformed variant; nothing that is not a request gets
 * through; and for arbitrary input the result is either refused or rebuilt with only that type's
 * own fields (nothing smuggled along). Counts are printed for the security report.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { validateUiRequest } from '../../src/shared/messaging/validate-ui-request'
import { malformedVariants, NOT_REQUESTS, protocolRequestTypes, VALID_REQUESTS } from './corpus/ui-requests'

const types = protocolRequestTypes()

describe('UI request validation', () => {
  it('has a well-formed example for every request type in protocol.ts', () => {
    expect(types.length).toBeGreaterThan(5)
    expect(Object.keys(VALID_REQUESTS).sort()).toEqual([...types].sort())
  })

  it.each(types)('accepts a well-formed %s exactly as sent', (type) => {
    expect(validateUiRequest(VALID_REQUESTS[type])).toEqual(VALID_REQUESTS[type])
  })

  it('refuses every malformed variant of every type, and every non-request', () => {
    let refused = 0
    let tried = 0
    for (const type of types) {
      for (const variant of malformedVariants(VALID_REQUESTS[type]!)) {
        tried += 1
        if (validateUiRequest(variant) === undefined) refused += 1
        else expect.fail(`${type}: accepted ${JSON.stringify(variant).slice(0, 120)}`)
      }
    }
    for (const message of NOT_REQUESTS) {
      tried += 1
      expect(validateUiRequest(message)).toBeUndefined()
      refused += 1
    }
    console.log(`[sender] validator: ${types.length} request types, ${tried} malformed messages → ${refused} refused`)
    expect(refused).toBe(tried)
  })

  it('never lets a field through that the type does not have (fast-check)', () => {
    const fields = fc.dictionary(fc.constantFrom('threadKey', 'jobId', 'prompt', 'surface', 'query', 'model', 'token', 'url', '__proto__', 'constructor'), fc.anything(), { maxKeys: 6 })
    const message = fc.tuple(fc.constantFrom(...types), fields).map(([type, rest]) => ({ ...rest, type }))
    let accepted = 0
    fc.assert(
      fc.property(fc.oneof(message, fc.anything()), (input) => {
        const request = validateUiRequest(input) as Record<string, unknown> | undefined
        if (!request) return
        accepted += 1
        const allowed = Object.keys(VALID_REQUESTS[String(request.type)] ?? {})
        expect(Object.keys(request).every((k) => allowed.includes(k))).toBe(true)
        for (const value of Object.values(request)) expect(typeof value).toBe('string')
      }),
      { numRuns: 2000, seed: 8 },
    )
    console.log(`[sender] validator fuzz: 2000 random messages, ${accepted} accepted, all with only their type's own string fields`)
  })
})
