/**
 * When a 429 clears, as epoch ms. `clears_in` (model caps) is more specific than `Retry-After`,
 * so it wins; `Retry-After` may be delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 */
export function retryAtFrom(
  clearsInSec: number | undefined,
  retryAfter: string | null,
  now: number,
): number | undefined {
  if (clearsInSec !== undefined) return now + Math.round(clearsInSec * 1000)
  const value = retryAfter?.trim()
  if (!value) return undefined
  if (/^\d+(\.\d+)?$/.test(value)) return now + Math.round(Number(value) * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(date, now)
}
