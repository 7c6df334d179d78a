/**
 * Finding a credential wherever it might have leaked: the exact issued token strings, and
 * anything JWT-shaped (threats T5, T9; goal G3).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** A JWT: base64url header starting `{"`, payload, signature. */
export const JWT_SHAPE = /eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/

export interface SecretScan {
  where: string
  match: string
}

/** Where in `text` (labelled `where`) a token or a JWT-shaped string appears. */
export function scanText(where: string, text: string, tokens: readonly string[]): SecretScan[] {
  const found: SecretScan[] = []
  for (const token of tokens) if (text.includes(token)) found.push({ where, match: `token …${token.slice(-12)}` })
  const jwt = JWT_SHAPE.exec(text)
  if (jwt) found.push({ where, match: `JWT-shaped ${jwt[0].slice(0, 24)}…` })
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
    if (needles.some((needle) => content.includes(needle))) found.push({ where: path.slice(dir.length), match: 'token bytes' })
  }
  walk(dir)
  return { files, bytes, found }
}
