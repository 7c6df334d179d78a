/**
 * `npm run lint:ext [-- <dir>]`: Mozilla's add-on linter (web-ext lint) over a built extension
 * (threats T8, goal G6), judged by the one policy the release uses (scripts/release/lint-build.ts):
 * the Chrome build has exactly its two Firefox-only errors, the Firefox build none, and a warning
 * passes only if that policy lists it with its reason.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Target } from './release/build-target'
import { EXPECTED_ERRORS, lintBuild, lintProblems, type LintMessage } from './release/lint-build'

const sourceDir = resolve(process.argv[2] ?? 'dist')
const manifest = JSON.parse(readFileSync(join(sourceDir, 'manifest.json'), 'utf8')) as {
  background?: { service_worker?: string; scripts?: string[] }
  browser_specific_settings?: { gecko?: { id?: string } }
}
// A Firefox build has a background page fallback and a gecko id (scripts/firefox-manifest.ts).
const target: Target = manifest.background?.scripts || manifest.browser_specific_settings?.gecko?.id ? 'firefox' : 'chrome'

const report = await lintBuild(sourceDir)
const expected = report.errors.filter((e) => EXPECTED_ERRORS[target].includes(e.code)).length
const describe = (f: LintMessage) => `  ${f.code}${f.file ? ` (${f.file})` : ''}: ${f.message}`
console.log(`[lint:ext] ${sourceDir} (${target} build): ${report.errors.length} errors (${expected} expected for ${target}), ${report.warnings.length} warnings`)
for (const warning of report.warnings) console.log(`warning${describe(warning)}`)
const problems = lintProblems(target, report)
if (problems.length > 0) {
  console.error(`[lint:ext] ${problems.length} problem(s):\n${problems.join('\n')}`)
  process.exit(1)
}
