/**
 * Least privilege, checked as properties of the BUILT manifest (threats T6–T8, T10; goals G5, G6).
 * test/unit/manifest-allowlist.test.ts pins the exact values; this suite says what any future
 * value must still satisfy, so relaxing the allow-list cannot quietly widen the extension.
 */
import { describe, expect, it } from 'vitest'
import { builtManifest, parseCsp } from './built-extension'

const manifest = builtManifest()
const CHATGPT_HOSTS = ['https://chatgpt.com', 'https://chat.openai.com']

describe('built manifest: least privilege', () => {
  it('asks only for permissions from the threat model’s set (G5)', () => {
    const allowed = ['storage', 'contextMenus', 'activeTab', 'scripting', 'alarms']
    const permissions = (manifest.permissions as string[]) ?? []
    console.log(`[policy] permissions: ${permissions.join(', ')}; hosts: ${((manifest.host_permissions as string[]) ?? []).join(', ')}`)
    expect(permissions.filter((p) => !allowed.includes(p))).toEqual([])
    expect(manifest.optional_permissions ?? []).toEqual([])
    expect(manifest.optional_host_permissions ?? []).toEqual([])
  })

  it('reaches only the ChatGPT hosts, and has no static content script', () => {
    const hosts = (manifest.host_permissions as string[]) ?? []
    expect(hosts.length).toBeGreaterThan(0)
    for (const host of hosts) expect(CHATGPT_HOSTS.map((h) => `${h}/*`)).toContain(host)
    expect(manifest.content_scripts ?? []).toEqual([])
  })

  it('allows no external messaging (no externally_connectable: T6)', () => {
    expect(manifest.externally_connectable).toBeUndefined()
  })

  it('exposes at most one page to the web, only under a per-session URL (T10)', () => {
    const entries = (manifest.web_accessible_resources as Array<{ resources: string[]; use_dynamic_url?: boolean }>) ?? []
    const resources = entries.flatMap((e) => e.resources)
    expect(resources.filter((r) => r.endsWith('.html')).length).toBeLessThanOrEqual(1)
    for (const entry of entries) expect(entry.use_dynamic_url).toBe(true)
    // No wildcard that would expose every bundle file to any site.
    for (const resource of resources) expect(resource).not.toMatch(/\*/)
  })
})

describe('built manifest: content security policy (T1, T3, T8, T14)', () => {
  const policy = (manifest.content_security_policy as { extension_pages?: string } | undefined)?.extension_pages ?? ''
  const csp = parseCsp(policy)

  it('is explicit in the built manifest', () => {
    console.log(`[policy] CSP: ${policy}`)
    expect(policy).not.toBe('')
    expect((manifest.content_security_policy as Record<string, unknown>).sandbox).toBeUndefined()
  })

  it('runs only the extension’s own scripts: no remote, inline or eval’d code', () => {
    expect(csp['script-src']).toEqual(["'self'"])
    expect(csp['object-src']).toEqual(["'none'"])
    expect(csp['base-uri']).toEqual(["'none'"])
    expect(policy).not.toMatch(/unsafe-(eval|inline|hashes)|wasm-unsafe-eval|strict-dynamic/)
  })

  it('falls back to the extension itself for every other kind of load (styles, fonts, media, frames, prefetch)', () => {
    expect(csp['default-src']).toEqual(["'self'"])
    for (const [name, values] of Object.entries(csp)) {
      if (name === 'frame-ancestors') continue // who may embed a page, not what a page may load
      for (const value of values) expect(value, `${name} ${value}`).not.toMatch(/^(\*|https?:|http:\/\/|wss?:)$/)
    }
  })

  it('connects to the two ChatGPT hosts only', () => {
    expect([...(csp['connect-src'] ?? [])].sort()).toEqual([...CHATGPT_HOSTS].sort())
  })

  it('loads images only from the extension and data: URLs (zero-click image leaks, T3)', () => {
    for (const value of csp['img-src'] ?? []) expect(["'self'", 'data:', 'blob:']).toContain(value)
  })
})
