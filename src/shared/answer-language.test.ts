import { describe, expect, it } from 'vitest'
import { answerLanguageInstruction, languageName, withAnswerLanguage } from './answer-language'

describe('answer language', () => {
  it('leaves the question alone by default', () => {
    expect(withAnswerLanguage('你好吗？', '')).toBe('你好吗？')
  })

  it('adds one line naming a fixed language', () => {
    expect(withAnswerLanguage('How are you?', 'zh-Hans')).toBe('How are you?\n\n(Please answer in Simplified Chinese.)')
    expect(answerLanguageInstruction('ja')).toBe('(Please answer in Japanese.)')
  })

  it('names languages in the reader\'s language', () => {
    expect(languageName('zh-Hans', 'zh-CN')).toBe('简体中文')
    expect(languageName('de', 'en')).toBe('German')
  })
})
