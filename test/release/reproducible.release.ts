/**
 * Two clean builds give byte-identical store packages (G18): one snapshot of the working tree is
 * copied to two folders at different depths and packaged in each, the way a developer's machine,
 * CI and an AMO reviewer each build from their own checkout. Both builds are also linted the way
 * the stores' tooling sees them.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportSource } from '../../scripts/release/export-source'
import { artifactName, packageSource, type PackageResult } from '../../scripts/release/package-release'
import { GECKO_ID } from '../../scripts/firefox-manifest'
import { readZip } from './read-zip'

const root = fileURLToPath(new URL('../..', import.meta.url))

function zipDifferences(a: string, b: string): string[] {
  const left = new Map(readZip(readFileSync(a)).map((entry) => [entry.path, entry.data]))
  const right = new Map(readZip(readFileSync(b)).map((entry) => [entry.path, entry.data]))
  const paths = [...new Set([...left.keys(), ...right.keys()])].sort()
  return paths.filter((path) => !(left.get(path)?.equals(right.get(path) ?? Buffer.alloc(0)) ?? false))
}

describe('store packages', () => {
  let work: string
  let first: PackageResult
  let second: PackageResult
  let firstOut: string
  let secondOut: string

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'ask-anywhere-repro-'))
    const snapshot = join(work, 'a', 'source')
    exportSource(root, 'worktree', snapshot)
    const elsewhere = join(work, 'b', 'a-longer', 'checkout', 'path', 'source')
    cpSync(snapshot, elsewhere, { recursive: true, verbatimSymlinks: true })
    firstOut = join(work, 'a', 'out')
    secondOut = join(work, 'b', 'out')
    first = await packageSource({ source: snapshot, outDir: firstOut, work: join(work, 'a') })
    second = await packageSource({ source: elsewhere, outDir: secondOut, work: join(work, 'b') })
  })

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true })
  })

  it('are byte-identical across two clean builds in different folders', () => {
    const names = readdirSync(firstOut).sort()
    expect(names).toEqual(readdirSync(secondOut).sort())
    expect(names).toEqual([
      `ask-anywhere-${first.version}.sha256`,
      artifactName('chrome', first.version),
      artifactName('firefox', first.version),
      artifactName('source', first.version),
    ].sort())
    const differing = names.filter((name) => !readFileSync(join(firstOut, name)).equals(readFileSync(join(secondOut, name))))
    // Name the entries that differ, so a failure says which file of the build is unstable.
    const detail = differing.filter((name) => name.endsWith('.zip')).map((name) => `${name}: ${zipDifferences(join(firstOut, name), join(secondOut, name)).join(', ')}`)
    expect({ differing, detail }).toEqual({ differing: [], detail: [] })
    expect(second.version).toBe(first.version)
  })

  it('lint with no errors for Firefox and only the two Firefox-only errors for Chrome', () => {
    expect(first.lint.firefox.errors).toEqual([])
    expect(first.lint.chrome.errors.map((error) => error.code).sort()).toEqual(['ADDON_ID_REQUIRED', 'BACKGROUND_SERVICE_WORKER_NOFALLBACK'])
  })

  it('carry each browser its own manifest, with the package.json version', () => {
    const manifestOf = (zip: string) => {
      const entry = readZip(readFileSync(zip)).find((e) => e.path === 'manifest.json')
      return JSON.parse(entry?.data.toString('utf8') ?? '{}') as Record<string, unknown>
    }
    const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version
    const chrome = manifestOf(first.files.chrome)
    const firefox = manifestOf(first.files.firefox)
    expect([chrome.version, firefox.version]).toEqual([version, version])
    expect(chrome.background).toEqual({ service_worker: 'service-worker-loader.js', type: 'module' })
    expect(firefox.background).toEqual({ scripts: ['service-worker-loader.js'], type: 'module' })
    expect((firefox.browser_specific_settings as { gecko: { id: string } }).gecko.id).toBe(GECKO_ID)
    expect(chrome.browser_specific_settings).toBeUndefined()
    expect(firefox.permissions).toEqual(chrome.permissions)
    expect(firefox.host_permissions).toEqual(chrome.host_permissions)
    expect(firefox.content_security_policy).toEqual(chrome.content_security_policy)
  })

  it('ship the source archive as the exact tree the zips were built from', () => {
    const paths = readZip(readFileSync(first.files.source)).map((entry) => entry.path)
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'manifest.json', 'vite.config.ts', 'vite.firefox.config.ts', 'BUILDING.md', 'src/background/index.ts']))
    expect(paths.some((path) => path.startsWith('node_modules/') || path.startsWith('dist'))).toBe(false)
  })
})
