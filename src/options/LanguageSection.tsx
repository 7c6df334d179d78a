/**
 * Answer language: the question's own (nothing added) or a fixed one. For a fixed language the
 * exact line added to every question is shown, so the setting hides nothing.
 */
import { ANSWER_LANGUAGES, answerLanguageInstruction, languageName } from '../shared/answer-language'
import { useT } from '../ui/i18n'

interface Props {
  /** '' = same as the question. */
  value: string
  onChange: (tag: string) => void
  /** Language names are shown in this locale (the browser's UI language). */
  uiLocale: string
}

export function LanguageSection({ value, onChange, uiLocale }: Props) {
  const t = useT()
  const tags: readonly string[] = ANSWER_LANGUAGES
  return (
    <section class="options-section" id="language">
      <h2>{t('optionsAnswerLanguage')}</h2>
      <label class="options-row">
        <span>{t('answerLanguageLabel')}</span>
        <select data-testid="answer-language" value={value} onChange={(event) => onChange(event.currentTarget.value)}>
          <option value="">{t('answerLanguageSame')}</option>
          {!tags.includes(value) && value && <option value={value}>{languageName(value, uiLocale)}</option>}
          {tags.map((tag) => (
            <option key={tag} value={tag}>
              {languageName(tag, uiLocale)}
            </option>
          ))}
        </select>
      </label>
      <p class="options-help" data-testid="answer-language-note">
        {value ? t('answerLanguageFixedNote', answerLanguageInstruction(value)) : t('answerLanguageSameNote')}
      </p>
    </section>
  )
}
