/**
 * Pins the BUILT manifest (dist/manifest.json, what a store would review) to the allow-list, so a
 * new permission, host or CSP relaxation always shows up as a deliberate diff.
 */
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import allowList from './manifest-allowlist.json' with { type: 'json' }

const builtPath = new URL('../../dist/manifest.json', import.meta.url)

describe('built manifest', () => {
  it('exists (run `npm run build` first)', () => {
    expect(existsSync(builtPath)).toBe(true)
  })

  const manifest = existsSync(builtPath) ? (JSON.parse(readFileSync(builtPath, 'utf8')) as Record<string, unknown>) : {}
  const sorted = (value: unknown) => (Array.isArray(value) ? [...(value as string[])].sort() : [])

  it('asks for exactly the allowed permissions', () => {
    expect(sorted(manifest.permissions)).toEqual(allowList.permissions)
    expect(sorted(manifest.optional_permissions)).toEqual(allowList.optional_permissions)
    expect(sorted(manifest.host_permissions)).toEqual(allowList.host_permissions)
  })

  it('has no static content scripts and no external messaging', () => {
    expect(((manifest.content_scripts as unknown[]) ?? []).length).toBe(allowList.content_scripts)
    expect(manifest.externally_connectable ?? null).toBe(allowList.externally_connectable)
  })

  it('keeps the extension-page CSP exactly as reviewed', () => {
    expect(manifest.content_security_policy).toEqual(allowList.content_security_policy)
  })

  it('is MV3 with a module service worker, the gpt keyword and both locales', () => {
    expect(manifest.manifest_version).toBe(3)
    expect((manifest.background as { type?: string }).type).toBe('module')
    expect((manifest.omnibox as { keyword?: string }).keyword).toBe('gpt')
    expect(manifest.default_locale).toBe('en')
    expect(existsSync(new URL('../../dist/_locales/zh_CN/messages.json', import.meta.url))).toBe(true)
  })
})
