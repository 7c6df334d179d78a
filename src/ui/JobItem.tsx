/** One turn: the user's prompt, the answer as markdown, its status, and its actions. */
import { AnswerActions } from './AnswerActions'
import { useT } from './i18n'
import { JobStatusNote } from './JobStatusNote'
import { Markdown } from './markdown'
import { memo } from './memo'
import { RecoveryNote } from './RecoveryNote'
import { StreamCursor } from './StreamCursor'
import type { JobView } from './view-types'

interface Props {
  job: JobView
  /** Only the last answer can be regenerated or continued. */
  isLast: boolean
  onRegenerate: () => void
  onContinue: () => void
  onRetry: (jobId: string) => void
  onOpenUrl: (url: string) => void
  onNewChat: () => void
  /** Read an interrupted answer from ChatGPT's copy; omit where the surface can't. */
  onCheckResult?: (jobId: string) => void
}

/** A prompt bubble and its answer (memoised: a turn that did not change is skipped). */
export const JobItem = memo(function JobItem({ job, isLast, onRegenerate, onContinue, onRetry, onOpenUrl, onNewChat, onCheckResult }: Props) {
  const t = useT()
  const streaming = job.status === 'streaming'
  return (
    <li class="job">
      <div class="prompt" data-testid="prompt">
        <span class="sr-only">{t('youLabel')}</span>
        {job.prompt}
      </div>
      <div
        class="answer"
        data-testid="answer"
        data-status={job.status}
        data-job-id={job.jobId}
        // Screen readers hear the answer as it arrives (politely, between other speech).
        aria-live={streaming ? 'polite' : undefined}
      >
        <span class="sr-only">{t('chatgptLabel')}</span>
        {job.text && <Markdown text={job.text} streaming={streaming} />}
        {streaming && <StreamCursor text={job.text} />}
      </div>
      <RecoveryNote job={job} {...(onCheckResult ? { onCheckResult: () => onCheckResult(job.jobId) } : {})} />
      <JobStatusNote job={job} onRetry={() => onRetry(job.jobId)} onOpenUrl={onOpenUrl} onNewChat={onNewChat} />
      <AnswerActions job={job} isLast={isLast} onRegenerate={onRegenerate} onContinue={onContinue} />
    </li>
  )
})
