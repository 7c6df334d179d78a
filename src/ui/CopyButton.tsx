/** A copy button that says "Copied" for a moment, so keyboard and screen-reader users get feedback. */
import { useEffect, useState } from 'preact/hooks'
import { copyText } from './copy-text'
import { useT } from './i18n'

interface Props {
  /** The text to copy, read at click time. */
  text: string
  /** Accessible name and visible label, e.g. "Copy code". */
  label: string
  testId?: string
  class?: string
}

const FEEDBACK_MS = 1500

/** Copies `text` on click and briefly shows whether it worked. */
export function CopyButton({ text, label, testId, class: className }: Props) {
  const t = useT()
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  useEffect(() => {
    if (state === 'idle') return
    const timer = setTimeout(() => setState('idle'), FEEDBACK_MS)
    return () => clearTimeout(timer)
  }, [state])
  const onClick = () => {
    void copyText(text).then((ok) => setState(ok ? 'copied' : 'failed'))
  }
  const shown = state === 'copied' ? t('copied') : state === 'failed' ? t('copyFailed') : label
  return (
    <button type="button" class={className ?? 'ui-button ui-button-quiet'} data-testid={testId} aria-label={label} onClick={onClick}>
      <span aria-live="polite">{shown}</span>
    </button>
  )
}
