/**
 * Reads chat-requirements / prepare / finalize replies (protocol.md §5.2–5.3) into one typed
 * shape, tolerating absent fields: a missing `proofofwork` means no PoW was asked for.
 */
export interface RequirementsReply {
  /** `token` (single-step, finalize). */
  token?: string
  /** `prepare_token` (prepare). */
  prepareToken?: string
  persona?: string
  /** Present only when the server asks for proof of work. */
  pow?: { seed: string; difficulty: string }
  /** Turnstile or Arkose demanded. We never solve these; the caller is told instead. */
  humanCheckRequested: boolean
  forceLogin: boolean
  soToken?: string
  expireAfterSec?: number
  expireAtSec?: number
}

type Bag = Record<string, unknown>
const bag = (v: unknown): Bag => (typeof v === 'object' && v !== null ? (v as Bag) : {})
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined)
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)

export function readRequirementsReply(body: unknown): RequirementsReply {
  const root = bag(body)
  const pow = bag(root.proofofwork)
  const reply: RequirementsReply = {
    humanCheckRequested: bag(root.turnstile).required === true || bag(root.arkose).required === true,
    forceLogin: root.force_login === true,
  }
  const fields = {
    token: str(root.token),
    prepareToken: str(root.prepare_token),
    persona: str(root.persona),
    soToken: str(root.so_token),
    expireAfterSec: num(root.expire_after),
    expireAtSec: num(root.expire_at),
  }
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(reply, { [key]: value })
  const seed = str(pow.seed)
  const difficulty = str(pow.difficulty)
  if (pow.required === true && seed && difficulty) reply.pow = { seed, difficulty }
  return reply
}
