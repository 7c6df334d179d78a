import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'

export const uuid = (): string => randomUUID()

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function randomB64url(bytes: number): string {
  return randomBytes(bytes).toString('base64url')
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex')
}

/** `0.xxxxxxxxxx`, like `String(Math.random())` on the server. */
export function randomSeed(): string {
  return `0.${String(randomBytes(6).readUIntBE(0, 6)).padStart(15, '0').slice(0, 15)}`
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Sleep that ends early (resolving false) when the signal aborts. ms may be Infinity. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false)
    let timer: NodeJS.Timeout | undefined
    const onAbort = (): void => {
      if (timer) clearTimeout(timer)
      resolve(false)
    }
    if (Number.isFinite(ms)) {
      timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort)
        resolve(true)
      }, Math.max(0, ms))
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

// ---------------------------------------------------------------------------------------------
// JSON the way the backend's Python serializer writes it.

export interface JsonStyle {
  /** Python `json.dumps` default separators `", "` / `": "` (2023-2025 streams). */
  spaced: boolean
  /** ensure_ascii: every code unit outside ' '..'~' as \uXXXX (all captured streams). */
  ascii: boolean
}

/** Keys whose numbers Python wrote as floats (`"weight": 1.0`). */
const FLOAT_KEYS = new Set(['weight'])

export function dumps(value: unknown, style: JsonStyle): string {
  return ser(value, style, undefined)
}

function ser(value: unknown, style: JsonStyle, key: string | undefined): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string') return str(value, style.ascii)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'null'
    if (key !== undefined && FLOAT_KEYS.has(key) && Number.isInteger(value)) return `${value}.0`
    return JSON.stringify(value)
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (Array.isArray(value)) {
    return `[${value.map((v) => ser(v, style, undefined)).join(style.spaced ? ', ' : ',')}]`
  }
  if (isRecord(value)) {
    const parts: string[] = []
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue
      parts.push(`${str(k, style.ascii)}${style.spaced ? ': ' : ':'}${ser(v, style, k)}`)
    }
    return `{${parts.join(style.spaced ? ', ' : ',')}}`
  }
  return 'null'
}

function str(s: string, ascii: boolean): string {
  const json = JSON.stringify(s)
  if (!ascii) return json
  // eslint-disable-next-line no-control-regex
  return json.replace(/[^\x00-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

// ---------------------------------------------------------------------------------------------
// JWT (HS256): enough to be a real three-part token a client can decode.

export function signJwt(payload: Record<string, unknown>, secret: Buffer, kid = 'stand-in'): string {
  const header = { alg: 'HS256', typ: 'JWT', kid }
  const h = Buffer.from(JSON.stringify(header)).toString('base64url')
  const p = Buffer.from(JSON.stringify(payload)).toString('base64url')
  const sig = createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url')
  return `${h}.${p}.${sig}`
}

export function verifyJwt(token: string, secret: Buffer): Record<string, unknown> | null {
  const parts = token.split('.')
  if (parts.length !== 3) return null
  const [h, p, sig] = parts as [string, string, string]
  const expected = createHmac('sha256', secret).update(`${h}.${p}`).digest()
  let given: Buffer
  try {
    given = Buffer.from(sig, 'base64url')
  } catch {
    return null
  }
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  try {
    const payload: unknown = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'))
    return isRecord(payload) ? payload : null
  } catch {
    return null
  }
}

// ---------------------------------------------------------------------------------------------
// Cookies

export function parseCookieHeader(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  if (!header) return out
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    const name = part.slice(0, eq).trim()
    if (!name) continue
    let value = part.slice(eq + 1).trim()
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1)
    if (!(name in out)) out[name] = value
  }
  return out
}

/** `: ping - 2025-03-12 06:00:55.349556+00:00` timestamp format. */
export function pingTimestamp(d = new Date()): string {
  const iso = d.toISOString() // 2025-03-12T06:00:55.349Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}+00:00`
}

/** Small deterministic PRNG (mulberry32) for trailing-space padding. */
export function prng(seedText: string): () => number {
  let a = 0x9e3779b9
  for (let i = 0; i < seedText.length; i++) a = Math.imul(a ^ seedText.charCodeAt(i), 0x01000193)
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
