import { describe, expect, it, vi } from 'vitest'
import { cachedTranslate } from './i18n'

describe('cachedTranslate', () => {
  it('looks each plain message up once and passes substituted ones through', () => {
    const lookup = vi.fn((key: string, substitutions?: string | string[]) => `${key}:${String(substitutions ?? '')}`)
    const t = cachedTranslate(lookup)
    expect(t('send')).toBe('send:')
    expect(t('send')).toBe('send:')
    expect(t('stop')).toBe('stop:')
    expect(lookup).toHaveBeenCalledTimes(2)
    expect(t('statusRetryAt', '10:00')).toBe('statusRetryAt:10:00')
    expect(t('statusRetryAt', '10:01')).toBe('statusRetryAt:10:01')
    expect(lookup).toHaveBeenCalledTimes(4)
  })
})
