import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import en from '../../public/_locales/en/messages.json'
import zh from '../../public/_locales/zh_CN/messages.json'
import { defaultDescription, describeQuestion } from '../background/omnibox/omnibox-suggestions'
import { readDescription } from '../background/omnibox/test-xml-reader'

const locales: Record<string, Record<string, { message: string }>> = { en, zh_CN: zh }

/** Every literal `t('key')` / `translate('key')` in the chat page and the omnibox code. */
function usedKeys(): string[] {
  const keys = new Set<string>()
  for (const dir of ['src/chat', 'src/background/omnibox']) {
    for (const file of readdirSync(dir, { encoding: 'utf8' })) {
      if (!/\.tsx?$/.test(file) || file.includes('.test.')) continue
      const source = readFileSync(join(dir, file), 'utf8')
      for (const match of source.matchAll(/\b(?:t|translate)\('([A-Za-z0-9_]+)'/g)) keys.add(match[1] ?? '')
    }
  }
  return [...keys]
}

describe('chat page and omnibox translations', () => {
  it('finds the keys it checks', () => {
    expect(usedKeys()).toEqual(expect.arrayContaining(['chatPageTitle', 'omniboxDefault', 'omniboxAskedBefore']))
  })

  it.each(Object.keys(locales))('%s has every key they use', (locale) => {
    expect(usedKeys().filter((key) => !(key in locales[locale]!))).toEqual([])
  })

  it.each(Object.keys(locales))('%s omnibox texts make well-formed descriptions with the typed-text slot', (locale) => {
    const messages = locales[locale]!
    const row = defaultDescription(messages.omniboxDefault!.message)
    expect(row).toContain('<match>%s</match>')
    expect(readDescription(row).tags).toEqual(['match'])
    expect(readDescription(describeQuestion('q', 'q', messages.omniboxAskedBefore!.message)).tags).toEqual(['match', 'dim'])
  })
})
