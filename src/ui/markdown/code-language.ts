/**
 * Code-fence info strings → the few languages the lazy highlighter knows. Lives in the main
 * chunk so an unsupported language never triggers the highlighter download.
 */
export type HighlightLanguage = 'js' | 'ts' | 'python' | 'bash' | 'json'

const ALIASES: Record<string, HighlightLanguage> = {
  js: 'js', javascript: 'js', jsx: 'js', mjs: 'js', cjs: 'js', node: 'js',
  ts: 'ts', typescript: 'ts', tsx: 'ts',
  py: 'python', python: 'python', python3: 'python',
  sh: 'bash', bash: 'bash', shell: 'bash', zsh: 'bash', console: 'bash',
  json: 'json', jsonc: 'json', json5: 'json',
}

/** The info string's first word, trimmed to a label length (it is shown as text). */
export function languageLabel(info: string | undefined): string {
  return (info ?? '').trim().split(/\s/, 1)[0]?.slice(0, 24) ?? ''
}

/** The highlighter language for a fence info string, if supported. */
export function highlightLanguage(info: string | undefined): HighlightLanguage | undefined {
  return ALIASES[languageLabel(info).toLowerCase()]
}
