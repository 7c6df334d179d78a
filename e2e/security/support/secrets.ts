/**
 * Finding a credential wherever it might have leaked: the exact issued token strings, and
 * anything JWT-shaped (threats T5, T9; goal G3).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** A JWT: base64url header starting `{"`, payload, signature. */
export const JWT_SHAPE = /eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/g

export interface SecretScan {
  where: string
  match: string
  /** For an HTTP cache entry: the URL whose response it holds. */
  cachedUrl?: string
}

/** The claims of a JWT-shaped string, or undefined when its payload is not JSON. */
function claims(jwt: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>
  } catch {
    return undefined
  }
}

/**
 * A conduit token: the per-turn routing ticket `/f/conversation/prepare` returns (protocol.md §3:
 * `conduit_uuid, conduit_location, cluster, iat, exp, turn_topic_id`). It names no account and
 * grants nothing beyond that one send, and the relay must hand it to the chatgpt.com tab that
 * makes the send, so it is the one JWT a relay port may carry.
 */
export function isConduitToken(jwt: string): boolean {
  const c = claims(jwt)
  return c !== undefined && typeof c.conduit_uuid === 'string' && !('sub' in c) && !Object.keys(c).some((k) => k.startsWith('https://'))
}

/**
 * Where in `text` (labelled `where`) an issued token or any other JWT-shaped string appears;
 * `allowConduit` lets conduit tokens through (a relay port to https://chatgpt.com).
 */
export function scanText(where: string, text: string, tokens: readonly string[], allowConduit = false): SecretScan[] {
  const found: SecretScan[] = []
  for (const token of tokens) if (text.includes(token)) found.push({ where, match: `token …${token.slice(-12)}` })
  for (const [jwt] of text.matchAll(JWT_SHAPE)) {
    if (tokens.includes(jwt) || (allowConduit && isConduitToken(jwt))) continue
    found.push({ where, match: `JWT-shaped ${jwt.slice(0, 24)}… claims ${Object.keys(claims(jwt) ?? {}).join(',')}` })
  }
  return found
}

/**
 * Every file under `dir` that holds a token, as raw bytes in ASCII or UTF-16LE. Chrome's storage
 * may compress values, so the high-entropy signature part is searched on its own as well.
 */
export function scanDirectory(dir: string, tokens: readonly string[]): { files: number; bytes: number; found: SecretScan[] } {
  const needles = tokens.flatMap((t) => {
    const signature = t.split('.')[2] ?? t
    return [t, signature].flatMap((s) => [Buffer.from(s, 'latin1'), Buffer.from(s, 'utf16le')])
  })
  const found: SecretScan[] = []
  let files = 0
  let bytes = 0
  const walk = (path: string) => {
    let stat
    try {
      stat = statSync(path)
    } catch {
      return
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) walk(join(path, name))
      return
    }
    if (!stat.isFile()) return
    const content = readFileSync(path)
    files += 1
    bytes += content.length
    if (!needles.some((needle) => content.includes(needle))) return
    // An HTTP cache entry starts with its key, `1/0/_dk_<site> <frame site> <URL>`: say which response it was.
    const key = /_dk_(\S+ )*(https?:\/\/[^\s<>"]+)/.exec(content.subarray(0, 4096).toString('latin1'))
    found.push({ where: path.slice(dir.length), match: 'token bytes', ...(key?.[2] ? { cachedUrl: key[2] } : {}) })
  }
  walk(dir)
  return { files, bytes, found }
}
