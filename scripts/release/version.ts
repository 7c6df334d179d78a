/**
 * The version scheme. package.json's `version` is the one source of truth; manifest.json mirrors
 * it (`npm version <patch|minor|major>` runs scripts/sync-version.ts, which rewrites the manifest
 * line and dates the CHANGELOG section), and `npm run package` refuses to run when they disagree.
 * Plain MAJOR.MINOR.PATCH: both stores want dot-separated integers (Chrome: at most 65535 each)
 * and refuse pre-release suffixes such as `-beta.1`.
 */

const SCHEME = /^(0|[1-9]\d{0,4})\.(0|[1-9]\d{0,4})\.(0|[1-9]\d{0,4})$/

export function isStoreVersion(version: string): boolean {
  const match = SCHEME.exec(version)
  return match !== null && match.slice(1).every((part) => Number(part) <= 65535)
}

/** The `## [x.y.z]` heading a release needs in CHANGELOG.md. */
export function changelogHasSection(changelog: string, version: string): boolean {
  const escaped = version.replace(/\./g, '\\.')
  return new RegExp(`^## \\[${escaped}\\]`, 'm').test(changelog)
}

/** Everything that would make a package with this version wrong; [] when it can ship. */
export function versionProblems(input: { packageVersion: string; manifestVersion: unknown; changelog: string }): string[] {
  const { packageVersion, manifestVersion, changelog } = input
  const problems: string[] = []
  if (!isStoreVersion(packageVersion)) {
    problems.push(`package.json version "${packageVersion}" is not MAJOR.MINOR.PATCH with numbers up to 65535 (no pre-release suffix: the stores refuse it)`)
  }
  if (manifestVersion !== packageVersion) {
    problems.push(`manifest.json version "${String(manifestVersion)}" differs from package.json "${packageVersion}": run \`npx tsx scripts/sync-version.ts\``)
  }
  if (!changelogHasSection(changelog, packageVersion)) {
    problems.push(`CHANGELOG.md has no "## [${packageVersion}]" section: describe the release before packaging it`)
  }
  return problems
}

/** manifest.json with its `"version"` value replaced in place (formatting and key order kept). */
export function withManifestVersion(manifestText: string, version: string): string {
  const line = /^(\s*"version"\s*:\s*)"[^"]*"/m
  if (!line.test(manifestText)) throw new Error('manifest.json has no "version" line')
  return manifestText.replace(line, `$1"${version}"`)
}

/**
 * CHANGELOG.md with the `## [Unreleased]` section renamed to the release (dated) and a fresh,
 * empty Unreleased section above it. Unchanged when the release already has a section.
 */
export function withReleasedChangelog(changelog: string, version: string, date: string): string {
  if (changelogHasSection(changelog, version)) return changelog
  const unreleased = /^## \[Unreleased\][ \t]*$/m
  if (!unreleased.test(changelog)) throw new Error('CHANGELOG.md has no "## [Unreleased]" section to release')
  return changelog.replace(unreleased, `## [Unreleased]\n\n## [${version}] - ${date}`)
}
