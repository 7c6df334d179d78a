/**
 * The worker's replies the options page uses, checked at the edge (port messages are `unknown`):
 * the model list, history lists and exports, and connection-check progress.
 */
import type { SerializedChatGptError } from '../core/chatgpt/chatgpt-error'
import type { ConnectionStep, HistoryEntry, HistoryEvent, ModelOption } from '../shared/messaging/protocol'

export type OptionsEvent = HistoryEvent | { type: 'models'; models: ModelOption[]; defaultSlug?: string }

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const isStr = (v: unknown): v is string => typeof v === 'string'
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const optional = <T>(v: unknown, check: (x: unknown) => x is T) => v === undefined || check(v)

const SURFACES = ['popup', 'selection', 'omnibox', 'chat-page']
const MODES = ['temporary', 'delete-after', 'keep']
const STEP_IDS = ['session', 'token', 'sentinel', 'question']
const STEP_STATUSES = ['pending', 'running', 'passed', 'not-needed', 'failed', 'skipped']

const isError = (v: unknown): v is SerializedChatGptError =>
  isObj(v) && isStr(v.code) && isStr(v.message) && optional(v.retryAt, isNum) && optional(v.serverMessage, isStr)

const isEntry = (v: unknown): v is HistoryEntry =>
  isObj(v) && isStr(v.threadKey) && isStr(v.title) && isStr(v.surface) && SURFACES.includes(v.surface) &&
  isStr(v.privacy) && MODES.includes(v.privacy) && isNum(v.turns) && isNum(v.createdAt) && isNum(v.updatedAt) &&
  optional(v.model, isStr) && optional(v.conversationId, isStr) && optional(v.snippet, isStr)

const isStep = (v: unknown): v is ConnectionStep =>
  isObj(v) && isStr(v.id) && STEP_IDS.includes(v.id) && isStr(v.status) && STEP_STATUSES.includes(v.status) && optional(v.error, isError)

const isModel = (v: unknown): v is ModelOption => isObj(v) && isStr(v.slug) && isStr(v.title)

export function parseOptionsEvent(message: unknown): OptionsEvent | undefined {
  if (!isObj(message)) return undefined
  switch (message.type) {
    case 'models':
      if (!Array.isArray(message.models)) return undefined
      return { type: 'models', models: message.models.filter(isModel), ...(isStr(message.defaultSlug) ? { defaultSlug: message.defaultSlug } : {}) }
    case 'history':
      return isStr(message.query) && Array.isArray(message.entries) && message.entries.every(isEntry)
        ? { type: 'history', query: message.query, entries: message.entries }
        : undefined
    case 'historyExport':
      return isStr(message.filename) && isStr(message.markdown) ? { type: 'historyExport', filename: message.filename, markdown: message.markdown } : undefined
    case 'connectionCheck':
      return Array.isArray(message.steps) && message.steps.every(isStep) ? { type: 'connectionCheck', steps: message.steps } : undefined
    default:
      return undefined
  }
}
