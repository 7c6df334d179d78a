/**
 * The message box. Enter sends, Shift+Enter breaks the line, and Enter that confirms an IME
 * composition (Chinese, Japanese, Korean input) never sends. The text is the parent's state: it
 * clears it only once the send was accepted, so a failed send loses nothing.
 */
import type { TargetedKeyboardEvent } from 'preact'
import { useLayoutEffect, useRef } from 'preact/hooks'
import { useT } from './i18n'
import { memo } from './memo'

interface Props {
  value: string
  onInput: (value: string) => void
  /** Called with the current text when the user sends; never with blank text. */
  onSend: (text: string) => void
  /** Present while an answer streams: the Send button becomes Stop, and Escape stops. */
  onStop?: () => void
  /** Disables sending (not typing), e.g. while disconnected. */
  disabled?: boolean
  autoFocus?: boolean
}

/** Keydown during IME composition: `isComposing`, or keyCode 229 where Safari/Chrome report it late. */
function isImeEnter(event: KeyboardEvent): boolean {
  return event.isComposing || event.keyCode === 229
}

/** The composer textarea with Send/Stop (memoised: a streamed update leaves it alone). */
export const Composer = memo(function Composer({ value, onInput, onSend, onStop, disabled = false, autoFocus = true }: Props) {
  const t = useT()
  const area = useRef<HTMLTextAreaElement>(null)
  // A layout effect focuses before the first paint; a plain effect waited a frame or more after it.
  useLayoutEffect(() => {
    if (autoFocus) area.current?.focus()
  }, [autoFocus])
  const canSend = !disabled && !onStop && value.trim().length > 0
  const send = () => {
    if (canSend) onSend(value)
  }
  const onKeyDown = (event: TargetedKeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape' && onStop) {
      event.preventDefault()
      onStop()
      return
    }
    if (event.key !== 'Enter' || event.shiftKey || isImeEnter(event)) return
    event.preventDefault()
    send()
  }
  return (
    <form class="composer" onSubmit={(event) => { event.preventDefault(); send() }}>
      <textarea
        ref={area}
        class="composer-input"
        data-testid="composer"
        rows={1}
        value={value}
        placeholder={t('composerPlaceholder')}
        aria-label={t('composerLabel')}
        onInput={(event) => onInput(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      {onStop ? (
        <button type="button" class="composer-button composer-stop" data-testid="stop" aria-label={t('stop')} onClick={onStop}>
          <span aria-hidden="true">■</span>
        </button>
      ) : (
        <button type="submit" class="composer-button" data-testid="send" aria-label={t('send')} disabled={!canSend}>
          <span aria-hidden="true">↑</span>
        </button>
      )}
    </form>
  )
})
