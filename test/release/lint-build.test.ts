import { describe, expect, it } from 'vitest'
import { lintProblems, type LintReport } from '../../scripts/release/lint-build'

const message = (code: string) => ({ code, message: code })
const report = (errors: string[], warnings: string[] = []): LintReport => ({ errors: errors.map(message), warnings: warnings.map(message) })

describe('lintProblems', () => {
  it('passes Firefox with no errors and the one known preact warning', () => {
    expect(lintProblems('firefox', report([], ['UNSAFE_VAR_ASSIGNMENT']))).toEqual([])
  })

  it('passes Chrome with exactly the two Firefox-only errors', () => {
    expect(lintProblems('chrome', report(['BACKGROUND_SERVICE_WORKER_NOFALLBACK', 'ADDON_ID_REQUIRED'], ['MISSING_DATA_COLLECTION_PERMISSIONS', 'UNSAFE_VAR_ASSIGNMENT']))).toEqual([])
  })

  it('fails on any other error, a missing expected one, or a new warning', () => {
    expect(lintProblems('firefox', report(['ADDON_ID_REQUIRED']))).toHaveLength(1)
    expect(lintProblems('chrome', report(['ADDON_ID_REQUIRED']))).toHaveLength(1)
    expect(lintProblems('chrome', report(['ADDON_ID_REQUIRED', 'BACKGROUND_SERVICE_WORKER_NOFALLBACK', 'MANIFEST_CSP']))).toHaveLength(1)
    expect(lintProblems('firefox', report([], ['DANGEROUS_EVAL']))).toEqual([expect.stringMatching(/DANGEROUS_EVAL/)])
    expect(lintProblems('firefox', report([], ['UNSAFE_VAR_ASSIGNMENT', 'UNSAFE_VAR_ASSIGNMENT']))).toEqual([expect.stringMatching(/UNSAFE_VAR_ASSIGNMENT ×2/)])
    expect(lintProblems('firefox', report([], ['MISSING_DATA_COLLECTION_PERMISSIONS']))).toHaveLength(1)
  })
})
