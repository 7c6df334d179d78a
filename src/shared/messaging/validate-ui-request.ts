/**
 * Checks a message from a UI port before the worker acts on it (R8): anything not exactly one of
 * the `UiRequest` shapes is refused. Bounded sizes keep a hostile sender from exhausting memory.
 */
import type { Surface, UiRequest } from './protocol'

const MAX_PROMPT = 200_000
const MAX_KEY = 200
const MAX_QUERY = 500
const SURFACES: readonly Surface[] = ['popup', 'selection', 'omnibox', 'chat-page']

const isKey = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_KEY
const isPrompt = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= MAX_PROMPT

export function validateUiRequest(message: unknown): UiRequest | undefined {
  if (!message || typeof message !== 'object') return undefined
  const m = message as Record<string, unknown>
  switch (m.type) {
    case 'openThread':
      return isKey(m.threadKey) && SURFACES.includes(m.surface as Surface)
        ? { type: 'openThread', threadKey: m.threadKey, surface: m.surface as Surface }
        : undefined
    case 'ask':
      if (!isKey(m.threadKey) || !isPrompt(m.prompt)) return undefined
      if (m.model !== undefined && !isKey(m.model)) return undefined
      return { type: 'ask', threadKey: m.threadKey, prompt: m.prompt, ...(typeof m.model === 'string' ? { model: m.model } : {}) }
    case 'regenerate':
    case 'continue':
    case 'newChat':
      return isKey(m.threadKey) ? { type: m.type, threadKey: m.threadKey } : undefined
    case 'stop':
    case 'retry':
    case 'checkResult':
      return isKey(m.jobId) ? { type: m.type, jobId: m.jobId } : undefined
    case 'getModels':
    case 'getAccountStatus':
    case 'prewarm':
    case 'deleteAllHistory':
    case 'exportAll':
    case 'connectionCheck':
      return { type: m.type }
    case 'listHistory':
      if (m.query !== undefined && (typeof m.query !== 'string' || m.query.length > MAX_QUERY)) return undefined
      return { type: 'listHistory', ...(typeof m.query === 'string' ? { query: m.query } : {}) }
    case 'deleteThread':
    case 'exportThread':
      return isKey(m.threadKey) ? { type: m.type, threadKey: m.threadKey } : undefined
    default:
      return undefined
  }
}
