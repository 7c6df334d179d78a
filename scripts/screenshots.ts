/**
 * `npm run screenshots` — regenerates every picture in the README from the built extension
 * (dist/, built by the npm script first) against the local chatgpt.com stand-in:
 * docs/screenshots/<shot>-<locale>-<theme>.png for each step in scripts/screenshots/shots.ts, in
 * English and Chinese, light and dark. Needs Debian's chromium + chromium-l10n and a CJK font
 * (fonts-noto-cjk). Options: --only popup,selection  --locale en|zh-CN  --theme light|dark.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { startStandIn } from '../test/chatgpt-stand-in/index'
import { CONTENT, type ShotLocale } from './screenshots/content'
import { startDemoSite } from './screenshots/demo-site'
import { launchForShots, type ShotTheme } from './screenshots/launch-for-shots'
import { SHOTS } from './screenshots/shots'

const LOCALES: readonly ShotLocale[] = ['en', 'zh-CN']
const THEMES: readonly ShotTheme[] = ['light', 'dark']
const OUT = new URL('../docs/screenshots/', import.meta.url)

const { values } = parseArgs({ options: { only: { type: 'string' }, locale: { type: 'string' }, theme: { type: 'string' } } })
const only = values.only?.split(',').map((name) => name.trim())
const unknown = only?.filter((name) => !SHOTS.some((shot) => shot.name === name)) ?? []
if (unknown.length > 0) {
  console.error(`unknown shot(s): ${unknown.join(', ')}; known: ${SHOTS.map((shot) => shot.name).join(', ')}`)
  process.exit(1)
}
const shots = SHOTS.filter((shot) => !only || only.includes(shot.name))
const locales = LOCALES.filter((locale) => !values.locale || values.locale === locale)
const themes = THEMES.filter((theme) => !values.theme || values.theme === theme)

mkdirSync(OUT, { recursive: true })
const standIn = await startStandIn({ era: '2026' })
const site = await startDemoSite()
let failed = 0
try {
  for (const locale of locales) {
    for (const theme of themes) {
      const ext = await launchForShots(standIn, locale, theme)
      try {
        for (const shot of shots) {
          const file = `${shot.name}-${locale}-${theme}.png`
          try {
            writeFileSync(new URL(file, OUT), await shot.take({ ext, standIn, site, locale, content: CONTENT[locale] }))
            console.log(`✓ docs/screenshots/${file}`)
          } catch (error) {
            failed += 1
            console.error(`✗ ${file}: ${error instanceof Error ? error.message : String(error)}`)
          }
        }
      } finally {
        await ext.close()
      }
    }
  }
  const violations = standIn.violations()
  if (violations.length > 0) {
    failed += 1
    console.error(`the stand-in saw protocol violations: ${violations.join(', ')}`)
  }
} finally {
  await site.close()
  await standIn.close()
}
process.exit(failed > 0 ? 1 : 0)
