/**
 * Builds the store packages from a clean copy of the sources: the Chrome zip, the Firefox zip,
 * the source archive AMO asks for (the very tree the zips were built from), and a SHA-256 list.
 * Each build is linted before it is zipped; every zip is deterministic (scripts/release/zip.ts),
 * so the same sources give the same bytes on any machine with the same lock file and Node major.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { buildTarget, TARGETS, type Target } from './build-target'
import { exportSource, worktreeFiles, type SourceKind } from './export-source'
import { lintBuild, lintProblems, type LintReport } from './lint-build'
import { versionProblems } from './version'
import { createZip } from './zip'

export const PRODUCT = 'ask-anywhere'

export interface PackageOptions {
  /** The checkout to package (its node_modules is used). */
  root: string
  /** Where the artifacts go. */
  outDir: string
  /** 'head' = the last commit (a release); 'worktree' = the files on disk, uncommitted edits included. */
  from: SourceKind
  log?: (line: string) => void
}

export interface PackageResult {
  version: string
  /** Absolute paths, by role. */
  files: { chrome: string; firefox: string; source: string; sums: string }
  lint: Record<Target, LintReport>
}

export function artifactName(kind: Target | 'source', version: string): string {
  return `${PRODUCT}-${kind}-${version}.zip`
}

/** Zips a directory's regular files (paths relative to it, forward slashes, sorted). */
function zipDirectory(dir: string, files: readonly string[]): Buffer {
  return createZip(files.map((path) => ({ path, data: readFileSync(join(dir, path)) })))
}

/** Exports the chosen sources to a temporary folder and packages them (see packageSource). */
export async function packageRelease(options: PackageOptions): Promise<PackageResult> {
  const work = mkdtempSync(join(tmpdir(), `${PRODUCT}-package-`))
  try {
    const source = join(work, 'source')
    exportSource(options.root, options.from, source)
    return await packageSource({ source, outDir: options.outDir, work, log: options.log })
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/**
 * Packages a prepared source tree (with node_modules in it): checks the version, builds and lints
 * each target in `work`, zips the builds and the tree itself, writes the SHA-256 list.
 */
export async function packageSource(options: { source: string; outDir: string; work: string; log?: (line: string) => void }): Promise<PackageResult> {
  const { source, outDir, work } = options
  const log = options.log ?? (() => undefined)
  const sourceFiles = worktreeFiles(source)

  const pkg = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as { version: string }
  const manifest = JSON.parse(readFileSync(join(source, 'manifest.json'), 'utf8')) as { version?: unknown }
  const problems = versionProblems({ packageVersion: pkg.version, manifestVersion: manifest.version, changelog: readFileSync(join(source, 'CHANGELOG.md'), 'utf8') })
  if (problems.length > 0) throw new Error(`cannot package:\n- ${problems.join('\n- ')}`)
  const version = pkg.version

  mkdirSync(outDir, { recursive: true })
  const lint = {} as Record<Target, LintReport>
  const written = {} as Record<Target, string>
  for (const target of Object.keys(TARGETS) as Target[]) {
    const built = join(work, `build-${target}`)
    log(`building ${target}…`)
    await buildTarget(source, target, built)
    lint[target] = await lintBuild(built)
    const lintFailures = lintProblems(target, lint[target])
    if (lintFailures.length > 0) throw new Error(`web-ext lint:\n- ${lintFailures.join('\n- ')}`)
    written[target] = join(outDir, artifactName(target, version))
    writeFileSync(written[target], zipDirectory(built, worktreeFiles(built)))
  }

  const sourceZip = join(outDir, artifactName('source', version))
  writeFileSync(sourceZip, zipDirectory(source, sourceFiles))

  const sums = join(outDir, `${PRODUCT}-${version}.sha256`)
  const lines = [written.chrome, written.firefox, sourceZip].map((file) => {
    const hash = createHash('sha256').update(readFileSync(file)).digest('hex')
    return `${hash}  ${basename(file)}`
  })
  writeFileSync(sums, `${lines.join('\n')}\n`)
  return { version, files: { chrome: written.chrome, firefox: written.firefox, source: sourceZip, sums }, lint }
}
