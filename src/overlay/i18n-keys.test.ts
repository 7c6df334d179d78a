/** The selection feature's strings exist in both locales (ui/i18n-keys.test.ts covers ui/ and popup/). */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import en from '../../public/_locales/en/messages.json'
import zh from '../../public/_locales/zh_CN/messages.json'

const SOURCES = ['src/overlay', 'src/options/templates', 'src/background/selection', 'src/background/context-menu.ts']
const KEY_PATTERNS = [/\bt\('([A-Za-z0-9_]+)'/g, /getMessage\('([A-Za-z0-9_]+)'/g, /\bnameKey: '([A-Za-z0-9_]+)'/g]

function files(path: string): string[] {
  if (path.endsWith('.ts')) return [path]
  return readdirSync(path, { recursive: true, encoding: 'utf8' }).map((file) => join(path, file))
}

function usedKeys(): string[] {
  const keys = new Set<string>()
  for (const file of SOURCES.flatMap(files)) {
    if (!/\.tsx?$/.test(file) || file.includes('.test.')) continue
    const source = readFileSync(file, 'utf8')
    for (const pattern of KEY_PATTERNS) for (const match of source.matchAll(pattern)) keys.add(match[1]!)
  }
  return [...keys]
}

describe('selection strings', () => {
  it('are found', () => {
    expect(usedKeys()).toEqual(expect.arrayContaining(['overlayOpenInTab', 'overlayClose', 'templatesTitle', 'templateExplain', 'askAboutSelection']))
  })

  it('exist in en and zh_CN', () => {
    const missing = usedKeys().filter((key) => !(key in en) || !(key in zh))
    expect(missing).toEqual([])
  })
})
