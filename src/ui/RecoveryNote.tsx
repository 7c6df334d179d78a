/**
 * Says what happened when an answer's stream was lost (the extension or the browser restarted,
 * the connection stalled or dropped) and how it was completed, and, while the answer is still
 * incomplete, offers "Check result": reading ChatGPT's own copy, which never sends again.
 */
import { formatClock } from './format-clock'
import { useT, type Translate } from './i18n'
import type { JobView } from './view-types'

interface Props {
  job: JobView
  /** Omit where the surface cannot ask the worker (the button is then hidden). */
  onCheckResult?: () => void
}

/** The line for this recovery and status; undefined when the status says enough by itself. */
function describe(t: Translate, job: JobView): string | undefined {
  const pending = job.status === 'streaming' || job.status === 'requesting' || job.status === 'queued'
  switch (job.recovery) {
    case 'worker-restart':
      if (pending) return t('recoveringAfterRestart')
      return job.status === 'complete' ? t('recoveredAfterRestart') : t('lostInRestart')
    case 'browser-restart':
      if (pending) return t('recoveringAnswer')
      return job.status === 'complete' ? t('recoveredAfterBrowserRestart') : t('lostInBrowserRestart')
    case 'stalled':
      if (pending) return t('recoveringAnswer')
      return job.status === 'complete' ? t('recoveredAfterStall') : t('lostInStall')
    case 'cut':
      if (pending) return t('recoveringAnswer')
      // An interrupted one already says "cut off" in its notice.
      return job.status === 'complete' ? t('recoveredAfterCut') : undefined
    default:
      return undefined
  }
}

/** A small status note under the answer; nothing for an answer that streamed normally. */
export function RecoveryNote({ job, onCheckResult }: Props) {
  const t = useT()
  const line = describe(t, job)
  const checkable = job.status === 'interrupted' && job.conversationId !== undefined && onCheckResult !== undefined
  if (!line && !checkable) return null
  return (
    <div class="job-recovery" data-testid="job-recovery-note" data-recovery={job.recovery ?? ''} role="status">
      {line && <p class="job-status">{line}</p>}
      {checkable && job.checkedAt !== undefined && <p class="job-status">{t('checkedNoAnswer', formatClock(job.checkedAt))}</p>}
      {checkable && (
        <button type="button" class="ui-button ui-button-primary" data-testid="check-result" onClick={onCheckResult}>
          {t('checkResult')}
        </button>
      )}
    </div>
  )
}
