/**
 * Every user-visible string goes through `_locales` (issue 7). This fails when a key the code
 * uses is missing in a locale, when the locales disagree, or when a component, menu or omnibox
 * call carries literal text instead of a message: JSX text with letters, string literals in
 * user-visible attributes (placeholder, title, aria-label, alt, label), and literal titles or
 * descriptions handed to browser UI from the worker.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import en from '../../public/_locales/en/messages.json'
import zh from '../../public/_locales/zh_CN/messages.json'
import manifest from '../../manifest.json'

const ROOT = join(import.meta.dirname, '../..')
const LETTER = /\p{L}/u
const VISIBLE_ATTRIBUTES = new Set(['placeholder', 'title', 'aria-label', 'aria-description', 'aria-placeholder', 'alt', 'label'])
/** Worker code hands these to browser UI (menus, omnibox rows, notifications). */
const BROWSER_UI_PROPERTIES = new Set(['title', 'description', 'message', 'contextMessage'])

function sourceFiles(dir: string, pattern: RegExp): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => pattern.test(file) && !/\.test\.|test-|fixtures|testing\//.test(file))
    .map((file) => join(dir, file))
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node)
  node.forEachChild((child) => walk(child, visit))
}

const isLiteral = (node: ts.Node | undefined): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral =>
  node !== undefined && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))

/** Literal text a person would read, found in one .tsx file. */
export function hardCodedJsx(source: ts.SourceFile): string[] {
  const found: string[] = []
  const where = (node: ts.Node) => `${source.fileName}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`
  walk(source, (node) => {
    if (ts.isJsxText(node) && LETTER.test(node.text)) found.push(`${where(node)} text "${node.text.trim()}"`)
    if (ts.isJsxExpression(node) && ts.isJsxElement(node.parent) && isLiteral(node.expression) && LETTER.test(node.expression.text)) {
      found.push(`${where(node)} text {"${node.expression.text}"}`)
    }
    if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText(source))) {
      const value = node.initializer
      const literal = value && ts.isJsxExpression(value) ? value.expression : value
      if (isLiteral(literal) && LETTER.test(literal.text)) found.push(`${where(node)} ${node.name.getText(source)}="${literal.text}"`)
    }
  })
  return found
}

/** Literal titles/descriptions given to browser UI in worker code. */
export function hardCodedBrowserUi(source: ts.SourceFile): string[] {
  const found: string[] = []
  walk(source, (node) => {
    if (!ts.isPropertyAssignment(node) || !BROWSER_UI_PROPERTIES.has(node.name.getText(source))) return
    // Only object literals handed straight to a browser API: contextMenus.create({...}), etc.
    const call = node.parent.parent
    if (!ts.isCallExpression(call) || !/^(browser|chrome)\.(contextMenus|menus|omnibox|notifications|action)\./.test(call.expression.getText(source))) return
    if (isLiteral(node.initializer) && LETTER.test(node.initializer.text)) {
      found.push(`${source.fileName}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${node.name.getText(source)}: "${node.initializer.text}"`)
    }
  })
  return found
}

/** Message keys used literally: t('key'), getMessage('key'), translate('key'). */
function usedKeys(): Set<string> {
  const keys = new Set<string>()
  for (const file of sourceFiles('src', /\.tsx?$/)) {
    const text = readFileSync(join(ROOT, file), 'utf8')
    for (const match of text.matchAll(/\b(?:t|getMessage|translate)\('([A-Za-z0-9_]+)'/g)) keys.add(match[1] ?? '')
  }
  return keys
}

describe('locales', () => {
  const enKeys = Object.keys(en).sort()
  it('en and zh_CN have the same keys', () => {
    expect(Object.keys(zh).sort()).toEqual(enKeys)
  })

  it('has every key the code uses', () => {
    expect([...usedKeys()].filter((key) => !(key in en))).toEqual([])
  })

  it('has every key the manifest names', () => {
    const names = [...JSON.stringify(manifest).matchAll(/__MSG_([A-Za-z0-9_]+)__/g)].map((m) => m[1] ?? '')
    expect(names.length).toBeGreaterThan(3)
    expect(names.filter((key) => !(key in en))).toEqual([])
  })

  it('has the keys built from names: surfaces, privacy modes, check steps and states', () => {
    const families = {
      surface_: ['popup', 'selection', 'omnibox', 'chat_page'],
      privacy_: ['temporary', 'delete_after', 'keep'],
      privacyBadge_: ['temporary', 'delete_after', 'keep'],
      privacyHelp_: ['temporary', 'delete_after', 'keep'],
      checkStep_: ['session', 'token', 'sentinel', 'question'],
      checkStatus_: ['pending', 'running', 'passed', 'not_needed', 'failed', 'skipped'],
    }
    const missing = Object.entries(families).flatMap(([prefix, names]) => names.map((name) => prefix + name)).filter((key) => !(key in en))
    expect(missing).toEqual([])
  })

  it('translates zh_CN: no message is left identical to English unless it is a name', () => {
    // Names stay as they are; a message that is Chinese in en too (the 翻译成中文 template) is meant so.
    const names = new Set(['ChatGPT', 'OK', 'Ask Anywhere'])
    const same = enKeys.filter((key) => {
      const english = (en as Record<string, { message: string }>)[key]?.message ?? ''
      const chinese = (zh as Record<string, { message: string }>)[key]?.message ?? ''
      return english === chinese && LETTER.test(english.replace(/\$[A-Z_]+\$/g, '')) && !names.has(english) && !/\p{Script=Han}/u.test(english)
    })
    expect(same).toEqual([])
  })
})

describe('no hard-coded user-visible text', () => {
  it('detects it (the scanner itself)', () => {
    const sample = ts.createSourceFile(
      'sample.tsx',
      `const a = <p title="Hi there">Hello <b>{'world'}</b> {t('ok')} · 42</p>; const b = <input placeholder={'Ask me'} aria-label={t('x')} />`,
      ts.ScriptTarget.Latest,
      true,
      ts.ScriptKind.TSX,
    )
    expect(hardCodedJsx(sample).map((line) => line.replace(/^sample\.tsx:\d+ /, ''))).toEqual([
      'title="Hi there"',
      'text "Hello"',
      `text {"world"}`,
      'placeholder="Ask me"',
    ])
    const worker = ts.createSourceFile('w.ts', `browser.contextMenus.create({ id: 'x', title: 'Ask about it' })`, ts.ScriptTarget.Latest, true)
    expect(hardCodedBrowserUi(worker)).toHaveLength(1)
  })

  it('finds none in components and pages', () => {
    const found = sourceFiles('src', /\.tsx$/).flatMap((file) => hardCodedJsx(parse(file)))
    expect(found).toEqual([])
  })

  it('finds none in menus, omnibox rows and notifications', () => {
    const found = sourceFiles('src/background', /\.ts$/).flatMap((file) => hardCodedBrowserUi(parse(file)))
    expect(found).toEqual([])
  })
})
