/**
 * `web-ext lint` (Mozilla's addons-linter) on a built extension, judged per target. The Firefox
 * build must have no errors. The Chrome build has exactly two, both about Firefox only: a service
 * worker without a `background.scripts` fallback and no gecko id — the Firefox build is the answer
 * to both. Warnings are allowed only when listed here with their reason, so a new one (an `eval`,
 * a remote script) fails the package.
 */
import webExt from 'web-ext'
import type { Target } from './build-target'

export interface LintMessage {
  code: string
  message: string
  file?: string
}

export const EXPECTED_ERRORS: Record<Target, readonly string[]> = {
  chrome: ['ADDON_ID_REQUIRED', 'BACKGROUND_SERVICE_WORKER_NOFALLBACK'],
  firefox: [],
}

/** Warning code → how many may appear and why. */
export const ALLOWED_WARNINGS: Record<Target, Readonly<Record<string, { max: number; why: string }>>> = {
  chrome: {
    UNSAFE_VAR_ASSIGNMENT: { max: 1, why: "preact's renderer assigns innerHTML for dangerouslySetInnerHTML, which our code never uses" },
    MISSING_DATA_COLLECTION_PERMISSIONS: { max: 1, why: 'a Firefox key: the Firefox build declares it' },
  },
  firefox: {
    UNSAFE_VAR_ASSIGNMENT: { max: 1, why: "preact's renderer assigns innerHTML for dangerouslySetInnerHTML, which our code never uses" },
  },
}

export interface LintReport {
  errors: LintMessage[]
  warnings: LintMessage[]
}

export async function lintBuild(dir: string): Promise<LintReport> {
  const result = (await webExt.cmd.lint({ sourceDir: dir, output: 'none' }, { shouldExitProgram: false })) as LintReport
  const pick = (list: LintMessage[]) => list.map(({ code, message, file }) => ({ code, message, ...(file ? { file } : {}) }))
  return { errors: pick(result.errors), warnings: pick(result.warnings) }
}

/** What in a lint report is not expected for this target; [] when the build passes. */
export function lintProblems(target: Target, report: LintReport): string[] {
  const problems: string[] = []
  const errorCodes = report.errors.map((error) => error.code).sort()
  if (JSON.stringify(errorCodes) !== JSON.stringify([...EXPECTED_ERRORS[target]].sort())) {
    problems.push(`${target}: lint errors ${JSON.stringify(report.errors)} (expected exactly ${JSON.stringify(EXPECTED_ERRORS[target])})`)
  }
  const counts = new Map<string, number>()
  for (const warning of report.warnings) counts.set(warning.code, (counts.get(warning.code) ?? 0) + 1)
  for (const [code, count] of counts) {
    const allowed = ALLOWED_WARNINGS[target][code]
    if (!allowed || count > allowed.max) {
      problems.push(`${target}: unexpected lint warning ${code} ×${count}: ${JSON.stringify(report.warnings.filter((w) => w.code === code))}`)
    }
  }
  return problems
}
