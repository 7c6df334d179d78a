/**
 * `npm run lint:ext [-- <dir>]`: Mozilla's add-on linter (web-ext lint) over a built extension,
 * 0 errors required (threats T8, goal G6). The linter judges by Firefox's rules, so on the Chrome
 * build it always reports two Firefox-only errors (toolchain.md §6): a service worker without a
 * `background.scripts` fallback, and no `browser_specific_settings.gecko.id`. Those two, and only
 * those, are expected when the manifest is a Chrome one; a Firefox build must be clean.
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

interface Finding {
  code: string
  message: string
  file?: string
}

interface LintReport {
  summary: { errors: number; warnings: number; notices: number }
  errors: Finding[]
  warnings: Finding[]
}

const CHROME_ONLY_ERRORS = ['BACKGROUND_SERVICE_WORKER_NOFALLBACK', 'ADDON_ID_REQUIRED']

const sourceDir = resolve(process.argv[2] ?? 'dist')
const manifest = JSON.parse(readFileSync(join(sourceDir, 'manifest.json'), 'utf8')) as {
  background?: { service_worker?: string; scripts?: string[] }
  browser_specific_settings?: { gecko?: { id?: string } }
}
const isChromeBuild = Boolean(manifest.background?.service_worker) && !manifest.background?.scripts && !manifest.browser_specific_settings?.gecko?.id
const expected = isChromeBuild ? CHROME_ONLY_ERRORS : []

const webExt = resolve(import.meta.dirname, '../node_modules/.bin/web-ext')
const output = await new Promise<string>((done, fail) => {
  // web-ext exits non-zero when it finds errors; the JSON on stdout is the verdict either way.
  execFile(webExt, ['lint', '--source-dir', sourceDir, '--output=json', '--no-config-discovery'], { maxBuffer: 16 << 20 }, (error, stdout) => {
    if (stdout.trim().startsWith('{')) done(stdout)
    else fail(error ?? new Error('web-ext lint printed no report'))
  })
})
const report = JSON.parse(output) as LintReport
const unexpected = report.errors.filter((e) => !expected.includes(e.code))
const describe = (f: Finding) => `  ${f.code}${f.file ? ` (${f.file})` : ''}: ${f.message}`

console.log(
  `[lint:ext] ${sourceDir} (${isChromeBuild ? 'Chrome' : 'Firefox'} build): ${report.summary.errors} errors ` +
    `(${report.errors.length - unexpected.length} expected Firefox-only), ${report.summary.warnings} warnings, ${report.summary.notices} notices`,
)
for (const warning of report.warnings) console.log(`warning${describe(warning)}`)
if (unexpected.length > 0) {
  console.error(`[lint:ext] ${unexpected.length} unexpected error(s):\n${unexpected.map(describe).join('\n')}`)
  process.exit(1)
}
