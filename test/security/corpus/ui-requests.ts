/**
 * Every `UiRequest` type with one well-formed example and its malformed variants, for the sender
 * validation suites (threats T6, goal G4). The list of types is read from protocol.ts itself, so a
 * new message type fails `ui-request-validation.test.ts` until it has examples here.
 */
import { readFileSync } from 'node:fs'

type Message = Record<string, unknown>

/** A valid request per type; thread keys and job ids point at nothing that exists. */
export const VALID_REQUESTS: Record<string, Message> = {
  openThread: { type: 'openThread', threadKey: 'forged-thread', surface: 'popup' },
  ask: { type: 'ask', threadKey: 'forged-thread', prompt: 'send this for me', model: 'auto' },
  regenerate: { type: 'regenerate', threadKey: 'forged-thread' },
  continue: { type: 'continue', threadKey: 'forged-thread' },
  stop: { type: 'stop', jobId: 'forged-job' },
  retry: { type: 'retry', jobId: 'forged-job' },
  checkResult: { type: 'checkResult', jobId: 'forged-job' },
  newChat: { type: 'newChat', threadKey: 'forged-thread' },
  getModels: { type: 'getModels' },
  getAccountStatus: { type: 'getAccountStatus' },
  prewarm: { type: 'prewarm' },
  listHistory: { type: 'listHistory', query: 'password' },
  deleteThread: { type: 'deleteThread', threadKey: 'forged-thread' },
  deleteAllHistory: { type: 'deleteAllHistory' },
  exportThread: { type: 'exportThread', threadKey: 'forged-thread' },
  exportAll: { type: 'exportAll' },
  connectionCheck: { type: 'connectionCheck' },
}

/** Field values no request accepts (wrong type, empty, oversized, structured). */
const BAD_STRINGS: readonly unknown[] = [undefined, null, 42, true, '', 'k'.repeat(201), {}, ['forged-thread'], { toString: 'x' }]
const BAD_PROMPTS: readonly unknown[] = [undefined, null, 42, '', '   ', 'p'.repeat(200_001), ['hi']]

/** Malformed versions of a valid request: each field broken in each way, plus type confusion. */
export function malformedVariants(valid: Message): Message[] {
  const variants: Message[] = []
  for (const field of Object.keys(valid)) {
    if (field === 'type') continue
    const bad =
      field === 'prompt' ? BAD_PROMPTS
      : field === 'surface' ? ['evil', 'POPUP', 1, null, undefined]
      // A search may be empty or absent (list everything); it may not be huge or structured.
      : field === 'query' ? [null, 42, {}, ['q'], 'q'.repeat(10_001)]
      : BAD_STRINGS
    // An optional field's absence is well-formed, so `undefined` only counts for required ones.
    for (const b of bad) if (!(field === 'model' && b === undefined)) variants.push({ ...valid, [field]: b })
  }
  const type = String(valid.type)
  variants.push(
    { ...valid, type: type.toUpperCase() },
    { ...valid, type: ` ${type}` },
    { ...valid, type: [type] },
    { ...valid, type: { toString: type } },
  )
  return variants
}

/** Messages that are no request at all. */
export const NOT_REQUESTS: readonly unknown[] = [null, 0, 'ask', [], [{ type: 'ask' }], {}, { type: null }, { type: 'getAccessToken' }, { type: 'GET_ACCESS_TOKEN' }, { type: '__proto__' }, { type: 'constructor' }, { type: 'toString' }]

/** The `type` literals of the `UiRequest` union in protocol.ts. */
export function protocolRequestTypes(): string[] {
  const source = readFileSync(new URL('../../../src/shared/messaging/protocol.ts', import.meta.url), 'utf8')
  const union = /export type UiRequest =([\s\S]*?)\n\n/.exec(source)?.[1] ?? ''
  return [...union.matchAll(/type: '(\w+)'/g)].map((m) => m[1] as string)
}
