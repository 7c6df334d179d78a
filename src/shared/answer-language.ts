/**
 * The answer-language setting, done honestly: by default nothing is added and ChatGPT answers in
 * the question's language. Only when the user picks a fixed language does each question get one
 * short line asking for it, and the options page shows that exact line.
 */

/** Offered in options; any BCP 47 tag works, these are the common ones. */
export const ANSWER_LANGUAGES = ['en', 'zh-Hans', 'zh-Hant', 'ja', 'ko', 'es', 'fr', 'de', 'pt', 'ru', 'it', 'ar', 'hi', 'vi', 'id', 'tr'] as const

/** The language's name in `displayLocale` (e.g. "Simplified Chinese", "简体中文"); the tag if unknown. */
export function languageName(tag: string, displayLocale: string): string {
  try {
    return new Intl.DisplayNames([displayLocale], { type: 'language' }).of(tag) ?? tag
  } catch {
    return tag
  }
}

/** The line added to a question: English, which every model follows reliably. */
export function answerLanguageInstruction(tag: string): string {
  return `(Please answer in ${languageName(tag, 'en')}.)`
}

/** The question as sent: unchanged for '' (same language as the question). */
export function withAnswerLanguage(prompt: string, tag: string): string {
  return tag ? `${prompt}\n\n${answerLanguageInstruction(tag)}` : prompt
}
