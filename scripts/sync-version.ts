/**
 * Mirrors package.json's version into manifest.json and dates the CHANGELOG's Unreleased section.
 * Runs as npm's `version` lifecycle script, so `npm version minor` bumps, syncs and commits all
 * three files together; run it by hand after editing package.json's version yourself.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { isStoreVersion, withManifestVersion, withReleasedChangelog } from './release/version'

const root = new URL('../', import.meta.url)
const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string }
if (!isStoreVersion(version)) {
  console.error(`"${version}" is not a store version (MAJOR.MINOR.PATCH, numbers up to 65535, no suffix).`)
  process.exit(1)
}
const manifestUrl = new URL('manifest.json', root)
writeFileSync(manifestUrl, withManifestVersion(readFileSync(manifestUrl, 'utf8'), version))
const changelogUrl = new URL('CHANGELOG.md', root)
const today = new Date().toISOString().slice(0, 10)
writeFileSync(changelogUrl, withReleasedChangelog(readFileSync(changelogUrl, 'utf8'), version, today))
console.log(`manifest.json and CHANGELOG.md now say ${version}`)
