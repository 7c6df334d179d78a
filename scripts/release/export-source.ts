/**
 * A clean copy of the sources to build from, in a fresh directory: either the committed tree
 * (`git archive HEAD`, what a release is made of) or the working tree's files that git does not
 * ignore (what the reproducibility test builds, uncommitted edits included). node_modules is
 * linked from the original checkout, never copied: the lock file pins it.
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'

export type SourceKind = 'head' | 'worktree'

/**
 * What a directory walk skips when there is no git to ask (an unpacked source archive): installed
 * packages, build outputs and test leftovers. Kept equal to the folders in .gitignore (a test checks).
 */
export const NOT_SOURCE = new Set(['.git', 'node_modules', 'dist', 'dist-firefox', 'artifacts', 'test-results', '.profiles'])

export function isGitCheckout(root: string): boolean {
  try {
    return execFileSync('git', ['-C', root, 'rev-parse', '--is-inside-work-tree'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() === 'true'
  } catch {
    return false
  }
}

/** The commit HEAD names, or undefined outside a git checkout. */
export function headCommit(root: string): string | undefined {
  if (!isGitCheckout(root)) return undefined
  return execFileSync('git', ['-C', root, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim()
}

/** Tracked files with uncommitted changes (untracked files are not part of a release anyway). */
export function uncommittedChanges(root: string): string[] {
  if (!isGitCheckout(root)) return []
  const out = execFileSync('git', ['-C', root, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' })
  return out.split('\n').filter((line) => line.trim() !== '').map((line) => line.slice(3))
}

function walk(root: string, dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name)
    if (dir === root && NOT_SOURCE.has(name)) continue
    const stat = lstatSync(full)
    if (stat.isDirectory()) walk(root, full, out)
    else if (stat.isFile()) out.push(relative(root, full).split(sep).join('/'))
  }
}

/** Source files of a working tree, as forward-slash relative paths, sorted. */
export function worktreeFiles(root: string): string[] {
  if (isGitCheckout(root)) {
    const out = execFileSync('git', ['-C', root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    // A tracked file deleted in the working tree is listed but gone: it is not part of this tree.
    return out.split('\0').filter((path) => path !== '' && existsSync(join(root, path)) && lstatSync(join(root, path)).isFile()).sort()
  }
  const files: string[] = []
  walk(root, root, files)
  return files.sort()
}

/** Fills the empty directory `into` with the chosen sources and links node_modules. */
export function exportSource(root: string, kind: SourceKind, into: string): void {
  if (kind === 'head') {
    const tar = join(into, '..', `${into.split(sep).pop() ?? 'source'}.tar`)
    execFileSync('git', ['-C', root, 'archive', '--format=tar', '-o', tar, 'HEAD'])
    mkdirSync(into, { recursive: true })
    execFileSync('tar', ['-xf', tar, '-C', into])
  } else {
    for (const path of worktreeFiles(root)) {
      mkdirSync(dirname(join(into, path)), { recursive: true })
      copyFileSync(join(root, path), join(into, path))
    }
  }
  const modules = join(root, 'node_modules')
  if (!existsSync(modules)) throw new Error(`${modules} is missing: run \`npm ci\` first`)
  symlinkSync(modules, join(into, 'node_modules'), 'dir')
}
