/** The built extension in dist/ (run `npm run build` first), read once for the Node-level security suites. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const DIST = fileURLToPath(new URL('../../dist', import.meta.url))

export function builtManifest(): Record<string, unknown> {
  const path = join(DIST, 'manifest.json')
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : {}
}

/** Every file under dist/, as paths relative to it. */
export function distFiles(): string[] {
  const files: string[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else files.push(relative(DIST, path))
    }
  }
  if (existsSync(DIST)) walk(DIST)
  return files
}

export function readDist(file: string): string {
  return readFileSync(join(DIST, file), 'utf8')
}

/** `"default-src 'self'; img-src 'self' data:"` → `{ 'default-src': ["'self'"], 'img-src': ["'self'", 'data:'] }` */
export function parseCsp(policy: string): Record<string, string[]> {
  const directives: Record<string, string[]> = {}
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/)
    if (name) directives[name.toLowerCase()] = values
  }
  return directives
}
