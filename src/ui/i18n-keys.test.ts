import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import en from '../../public/_locales/en/messages.json'
import zh from '../../public/_locales/zh_CN/messages.json'

/** Every literal `t('key'…)` in ui/ and popup/ sources. */
function usedKeys(): Set<string> {
  const keys = new Set<string>()
  for (const dir of ['src/ui', 'src/popup']) {
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      if (!/\.tsx?$/.test(file) || file.includes('.test.')) continue
      const source = readFileSync(join(dir, file), 'utf8')
      for (const match of source.matchAll(/\bt\('([A-Za-z0-9_]+)'/g)) keys.add(match[1] ?? '')
      for (const match of source.matchAll(/\bkey: '([A-Za-z0-9_]+)'/g)) keys.add(match[1] ?? '')
    }
  }
  return keys
}

describe('translations', () => {
  it('has every en key in zh_CN and the other way round', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort())
  })

  it('has every key the UI uses', () => {
    const missing = [...usedKeys()].filter((key) => !(key in en))
    expect(missing).toEqual([])
  })

  it('uses the same placeholders in both languages', () => {
    const names = (entry: unknown) => Object.keys((entry as { placeholders?: object }).placeholders ?? {}).sort()
    for (const [key, entry] of Object.entries(en)) expect(names((zh as Record<string, unknown>)[key]), key).toEqual(names(entry))
  })
})
