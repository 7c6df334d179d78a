import { describe, expect, it } from 'vitest'
import { validateUiRequest } from './validate-ui-request'

describe('history and connection-check requests', () => {
  it('accepts the exact shapes', () => {
    expect(validateUiRequest({ type: 'listHistory' })).toEqual({ type: 'listHistory' })
    expect(validateUiRequest({ type: 'listHistory', query: 'zebra' })).toEqual({ type: 'listHistory', query: 'zebra' })
    expect(validateUiRequest({ type: 'deleteThread', threadKey: 'h-1' })).toEqual({ type: 'deleteThread', threadKey: 'h-1' })
    expect(validateUiRequest({ type: 'exportThread', threadKey: 'popup' })).toEqual({ type: 'exportThread', threadKey: 'popup' })
    for (const type of ['deleteAllHistory', 'exportAll', 'connectionCheck']) expect(validateUiRequest({ type, extra: 1 })).toEqual({ type })
  })

  it('refuses malformed or oversized ones', () => {
    expect(validateUiRequest({ type: 'listHistory', query: 42 })).toBeUndefined()
    expect(validateUiRequest({ type: 'listHistory', query: 'x'.repeat(501) })).toBeUndefined()
    expect(validateUiRequest({ type: 'deleteThread' })).toBeUndefined()
    expect(validateUiRequest({ type: 'deleteThread', threadKey: '' })).toBeUndefined()
    expect(validateUiRequest({ type: 'exportThread', threadKey: 'k'.repeat(201) })).toBeUndefined()
  })
})
