// A stream uses a handful of pointers thousands of times (`/message/content/parts/0`), so parsed
// tokens are memoised. The cap keeps a hostile stream of unique pointers from growing it.
const cache = new Map<string, readonly string[] | undefined>()
const CACHE_LIMIT = 512

/**
 * RFC 6901 JSON Pointer parsing, as used by the `p` field of delta-encoding v1 frames.
 * Returns the reference tokens (shared: do not mutate), or `undefined` for a pointer that is not
 * well formed, so the caller can skip the frame instead of throwing (F10).
 */
export function parseJsonPointer(pointer: string): readonly string[] | undefined {
  if (cache.has(pointer)) return cache.get(pointer)
  const tokens = tokenize(pointer)
  if (cache.size >= CACHE_LIMIT) cache.clear()
  cache.set(pointer, tokens)
  return tokens
}

function tokenize(pointer: string): readonly string[] | undefined {
  if (pointer === '') return []
  if (!pointer.startsWith('/')) return undefined
  const tokens = pointer.slice(1).split('/')
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string
    if (!token.includes('~')) continue
    // `~` must be followed by 0 or 1; anything else is malformed per RFC 6901.
    if (/~(?![01])/.test(token)) return undefined
    // Order matters: `~01` means the literal `~1`, so `~1` is replaced first.
    tokens[i] = token.replaceAll('~1', '/').replaceAll('~0', '~')
  }
  return tokens
}

/**
 * An array index token: `0` or digits without a leading zero. Returns `undefined` otherwise
 * (including `-`, which callers handle as "past the end").
 */
export function parseArrayIndex(token: string): number | undefined {
  if (!/^(0|[1-9][0-9]{0,8})$/.test(token)) return undefined
  return Number(token)
}
