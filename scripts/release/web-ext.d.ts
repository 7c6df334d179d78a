// web-ext ships no types; this is the slice of its programmatic API the release scripts use.
declare module 'web-ext' {
  interface LintResult {
    errors: Array<{ code: string; message: string; file?: string }>
    warnings: Array<{ code: string; message: string; file?: string }>
    notices: Array<{ code: string; message: string; file?: string }>
  }
  const webExt: {
    cmd: {
      lint(params: { sourceDir: string; output?: 'none' | 'json' | 'text' }, options?: { shouldExitProgram?: boolean }): Promise<LintResult>
    }
  }
  export default webExt
}
