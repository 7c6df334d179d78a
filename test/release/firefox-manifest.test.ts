import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DATA_COLLECTION, firefoxManifest, GECKO_ID, GECKO_MIN_VERSION, type ChromeManifest } from '../../scripts/firefox-manifest'

const chrome = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8')) as ChromeManifest

describe('firefoxManifest', () => {
  const firefox = firefoxManifest(chrome)

  it('runs the same background module as an event page script', () => {
    expect(firefox.background).toEqual({ scripts: [chrome.background.service_worker], type: 'module' })
    expect(firefox.background).not.toHaveProperty('service_worker')
  })

  it('declares the gecko id, the minimum Firefox and no data collection', () => {
    expect(firefox.browser_specific_settings.gecko).toEqual({ id: GECKO_ID, strict_min_version: GECKO_MIN_VERSION, data_collection_permissions: DATA_COLLECTION })
    expect(DATA_COLLECTION).toEqual({ required: ['none'] })
    // AMO takes an email-like id or a {GUID}.
    expect(GECKO_ID).toMatch(/^[a-zA-Z0-9-._]*@[a-zA-Z0-9-._]+$/)
  })

  it('drops the Chrome-only minimum version and keeps every other key exactly', () => {
    expect(firefox).not.toHaveProperty('minimum_chrome_version')
    const carried = Object.keys(chrome).filter((key) => !['background', 'minimum_chrome_version'].includes(key))
    for (const key of carried) expect({ key, value: firefox[key] }).toEqual({ key, value: chrome[key] })
  })

  it('does not touch the manifest it derives from', () => {
    const before = JSON.stringify(chrome)
    const derived = firefoxManifest(chrome)
    ;(derived.permissions as string[]).push('tabs')
    expect(JSON.stringify(chrome)).toBe(before)
  })
})
