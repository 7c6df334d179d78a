/**
 * Pulls the machine-readable parts out of the error bodies chatgpt.com has used over the years
 * (protocol.md §9): `{"detail":"text"}`, `{"detail":{"code","message","clears_in"}}`,
 * `{"error":{"code","message"}}`, `{"code","message"}` and the in-stream `{"error":"text"}`.
 */
export interface ErrorBodyFacts {
  /** e.g. `token_expired`, `model_cap_exceeded`, `conversation_not_found`. */
  code?: string
  /** The server's human text, if any. */
  message?: string
  /** Seconds until a rate limit clears (`detail.clears_in`). */
  clearsInSec?: number
}

type Bag = Record<string, unknown>

function bag(value: unknown): Bag | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Bag) : undefined
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

/** Reads code/message/clears_in from a parsed JSON error body; `{}` for anything else. */
export function readErrorBody(body: unknown): ErrorBodyFacts {
  const root = bag(body)
  if (!root) return {}
  const error = bag(root.error)
  const detail = bag(root.detail)
  const detailError = bag(detail?.error)
  // Same precedence as the 2026 page transport: body.code ?? error.code ?? detail.code ?? detail.error.code.
  const code = text(root.code) ?? text(error?.code) ?? text(detail?.code) ?? text(detailError?.code)
  const message =
    text(root.detail) ??
    text(detail?.message) ??
    text(detailError?.message) ??
    text(root.message) ??
    text(error?.message) ??
    text(root.error) ??
    text(root.errorMessage)
  const clears = detail?.clears_in ?? root.clears_in
  const facts: ErrorBodyFacts = {}
  if (code !== undefined) facts.code = code
  if (message !== undefined) facts.message = message
  if (typeof clears === 'number' && Number.isFinite(clears) && clears >= 0) facts.clearsInSec = clears
  return facts
}
