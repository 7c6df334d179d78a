import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { changelogHasSection, isStoreVersion, versionProblems, withManifestVersion, withReleasedChangelog } from '../../scripts/release/version'

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')

describe('version scheme', () => {
  it('accepts MAJOR.MINOR.PATCH with numbers up to 65535 and nothing else', () => {
    for (const ok of ['0.1.0', '1.0.0', '12.345.6789', '65535.65535.65535']) expect({ ok, valid: isStoreVersion(ok) }).toEqual({ ok, valid: true })
    for (const bad of ['1.0', '1.0.0.0', '1.0.0-beta.1', '01.0.0', '65536.0.0', 'v1.0.0', '1.0.0+build', '']) {
      expect({ bad, valid: isStoreVersion(bad) }).toEqual({ bad, valid: false })
    }
  })

  it('holds for this checkout: package.json, manifest.json and CHANGELOG.md agree', () => {
    const version = (JSON.parse(read('package.json')) as { version: string }).version
    const manifestVersion = (JSON.parse(read('manifest.json')) as { version: string }).version
    expect(versionProblems({ packageVersion: version, manifestVersion, changelog: read('CHANGELOG.md') })).toEqual([])
  })

  it('names every problem that blocks a package', () => {
    const problems = versionProblems({ packageVersion: '1.2.0-rc.1', manifestVersion: '1.1.0', changelog: '## [1.1.0]' })
    expect(problems).toHaveLength(3)
    expect(problems.join('\n')).toMatch(/pre-release/)
    expect(problems.join('\n')).toMatch(/sync-version/)
    expect(problems.join('\n')).toMatch(/CHANGELOG/)
  })

  it('rewrites only the manifest version value', () => {
    const text = '{\n  "manifest_version": 3,\n  "version": "0.1.0",\n  "name": "x"\n}\n'
    expect(withManifestVersion(text, '0.2.0')).toBe(text.replace('"0.1.0"', '"0.2.0"'))
    expect(() => withManifestVersion('{}', '1.0.0')).toThrow(/no "version"/)
  })

  it('turns Unreleased into the dated release and opens a new Unreleased', () => {
    const log = '# Changelog\n\n## [Unreleased]\n\n### Added\n- a thing\n\n## [0.1.0] - 2026-01-01\n'
    const released = withReleasedChangelog(log, '0.2.0', '2026-12-01')
    expect(released).toBe('# Changelog\n\n## [Unreleased]\n\n## [0.2.0] - 2026-12-01\n\n### Added\n- a thing\n\n## [0.1.0] - 2026-01-01\n')
    expect(changelogHasSection(released, '0.2.0')).toBe(true)
    expect(withReleasedChangelog(released, '0.2.0', '2027-01-01')).toBe(released)
    expect(changelogHasSection(released, '0.2')).toBe(false)
  })
})
