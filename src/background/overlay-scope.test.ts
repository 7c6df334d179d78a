import { describe, expect, it } from 'vitest'
import type { UiRequest } from '../shared/messaging/protocol'
import { overlayScope } from './overlay-scope'

const own = 'tab:7'

describe('overlay scope (threats T6, T12)', () => {
  it('allows the tab’s own thread and the account-wide reads the overlay shows', () => {
    const allowed: UiRequest[] = [
      { type: 'openThread', threadKey: own, surface: 'selection' },
      { type: 'ask', threadKey: own, prompt: 'more' },
      { type: 'regenerate', threadKey: own },
      { type: 'continue', threadKey: own },
      { type: 'newChat', threadKey: own },
      { type: 'getModels' },
      { type: 'getAccountStatus' },
      { type: 'prewarm' },
    ]
    for (const request of allowed) expect(overlayScope(request, own), request.type).toBe('allow')
  })

  it('denies other threads, history, exports and the connection check', () => {
    const denied: UiRequest[] = [
      { type: 'openThread', threadKey: 'popup', surface: 'popup' },
      { type: 'openThread', threadKey: 'tab:8', surface: 'selection' },
      { type: 'ask', threadKey: 'chat-page:x', prompt: 'p' },
      { type: 'newChat', threadKey: 'tab:70' },
      { type: 'listHistory' },
      { type: 'deleteThread', threadKey: own },
      { type: 'deleteAllHistory' },
      { type: 'exportThread', threadKey: own },
      { type: 'exportAll' },
      { type: 'connectionCheck' },
    ]
    for (const request of denied) expect(overlayScope(request, own), JSON.stringify(request)).toBe('deny')
  })

  it('leaves job requests to a check of the job’s thread', () => {
    for (const type of ['stop', 'retry', 'checkResult'] as const) expect(overlayScope({ type, jobId: 'j' }, own)).toBe('job')
  })
})
