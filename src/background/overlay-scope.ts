/**
 * What the overlay iframe may ask of the worker (threats T6, T12). The overlay is our own page,
 * but it lives inside an arbitrary web page's tab, so its port is bound to that tab: it works on
 * the tab's selection thread (`tab:<id>`, with the id taken from the port's sender, which the
 * browser fills, never from a message) and on that thread's jobs, and reaches nothing else: no
 * other thread, no history, no export, no connection check. Every request type must be decided
 * here (the switch is exhaustive), so a new one is denied to the overlay until someone says why
 * it should not be.
 */
import type { UiRequest } from '../shared/messaging/protocol'

/** 'allow' / 'deny' now, or 'job': allowed only if the job belongs to the overlay's thread. */
export type ScopeVerdict = 'allow' | 'deny' | 'job'

export function overlayScope(request: UiRequest, threadKey: string): ScopeVerdict {
  switch (request.type) {
    case 'openThread':
    case 'ask':
    case 'regenerate':
    case 'continue':
    case 'newChat':
      return request.threadKey === threadKey ? 'allow' : 'deny'
    case 'stop':
    case 'retry':
    case 'checkResult':
      return 'job'
    case 'getModels':
    case 'getAccountStatus':
    case 'prewarm':
      return 'allow'
    case 'listHistory':
    case 'deleteThread':
    case 'deleteAllHistory':
    case 'exportThread':
    case 'exportAll':
    case 'connectionCheck':
      return 'deny'
    default: {
      const unknown: never = request
      return unknown
    }
  }
}
