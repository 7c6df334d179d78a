/**
 * `npm run package` — the store packages, from the last commit:
 *   artifacts/ask-anywhere-chrome-<version>.zip    Chrome Web Store upload
 *   artifacts/ask-anywhere-firefox-<version>.zip   addons.mozilla.org upload
 *   artifacts/ask-anywhere-source-<version>.zip    AMO's source-code upload (build steps: BUILDING.md)
 *   artifacts/ask-anywhere-<version>.sha256        `sha256sum -c` list of the three
 * Options: --worktree (package the files on disk, uncommitted edits included), --out <dir>.
 * Outside a git checkout (an unpacked source archive) it packages the files on disk.
 */
import { statSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { headCommit, isGitCheckout, uncommittedChanges } from './release/export-source'
import { packageRelease } from './release/package-release'

const root = fileURLToPath(new URL('..', import.meta.url))
const { values } = parseArgs({ options: { worktree: { type: 'boolean' }, out: { type: 'string', default: 'artifacts' } } })
const from = values.worktree === true || !isGitCheckout(root) ? 'worktree' : 'head'

if (from === 'head') {
  const changed = uncommittedChanges(root)
  console.log(`Packaging commit ${headCommit(root)?.slice(0, 12)}.`)
  if (changed.length > 0) {
    const shown = changed.slice(0, 5).join(', ') + (changed.length > 5 ? `, and ${changed.length - 5} more` : '')
    console.log(`${changed.length} file(s) with uncommitted changes are packaged as committed (commit them, or pass --worktree): ${shown}`)
  }
} else {
  console.log('Packaging the files on disk.')
}

try {
  const result = await packageRelease({ root, outDir: resolve(root, values.out), from, log: (line) => console.log(line) })
  console.log(`\nAsk Anywhere ${result.version}:`)
  for (const file of [result.files.chrome, result.files.firefox, result.files.source, result.files.sums]) {
    console.log(`  ${relative(process.cwd(), file)}  (${(statSync(file).size / 1024).toFixed(1)} KiB)`)
  }
  const warnings = Object.entries(result.lint).map(([target, report]) => `${target}: ${report.errors.length} errors (${report.errors.map((e) => e.code).join(', ') || 'none'}), ${report.warnings.length} warnings`)
  console.log(`web-ext lint — ${warnings.join('; ')}`)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
