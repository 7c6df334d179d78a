/** Copy answer, Regenerate (last answer), Continue (when the model stopped at its length limit). */
import { CopyButton } from './CopyButton'
import { useT } from './i18n'
import { isFinished, type JobView } from './view-types'

interface Props {
  job: JobView
  isLast: boolean
  onRegenerate: () => void
  onContinue: () => void
}

/** The action row under a finished answer. */
export function AnswerActions({ job, isLast, onRegenerate, onContinue }: Props) {
  const t = useT()
  if (!isFinished(job.status) || !job.text) return null
  const canRegenerate = isLast && job.status !== 'failed'
  const canContinue = isLast && job.status === 'complete' && job.finishReason === 'max_tokens'
  return (
    <div class="answer-actions">
      <CopyButton text={job.text} label={t('copyAnswer')} testId="copy-answer" />
      {canRegenerate && (
        <button type="button" class="ui-button ui-button-quiet" data-testid="regenerate" onClick={onRegenerate}>
          {t('regenerate')}
        </button>
      )}
      {canContinue && (
        <button type="button" class="ui-button ui-button-quiet" data-testid="continue" onClick={onContinue}>
          {t('continueAnswer')}
        </button>
      )}
    </div>
  )
}
