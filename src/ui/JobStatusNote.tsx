/**
 * What a job is doing when the answer text alone doesn't say it: waiting its turn, starting,
 * cut off, failed, stopped. Failures go through ErrorNotice so each has its one action.
 */
import type { SerializedChatGptError } from '../core/chatgpt/chatgpt-error'
import { ErrorNotice } from './ErrorNotice'
import { formatClock } from './format-clock'
import { useT } from './i18n'
import { RelayNote } from './RelayNote'
import type { JobView } from './view-types'

interface Props {
  job: JobView
  onRetry: () => void
  onOpenUrl: (url: string) => void
  onNewChat: () => void
}

const INTERRUPTED: SerializedChatGptError = { code: 'interrupted', message: '' }
const UNKNOWN: SerializedChatGptError = { code: 'unknown', message: '' }

/** The status line or error notice under an answer, after a note when a chatgpt.com tab relayed it. */
export function JobStatusNote(props: Props) {
  const status = <StatusLine {...props} />
  if (!props.job.transport) return status
  return (
    <>
      <RelayNote use={props.job.transport} />
      {status}
    </>
  )
}

/** What the job is doing (nothing for a complete one). */
function StatusLine({ job, onRetry, onOpenUrl, onNewChat }: Props) {
  const t = useT()
  const notice = (error: SerializedChatGptError) => (
    <ErrorNotice error={error} prompt={job.prompt} onOpenUrl={onOpenUrl} onRetry={onRetry} onNewChat={onNewChat} />
  )
  switch (job.status) {
    case 'queued':
      // Rate limited before the answer started: say when the worker tries again by itself.
      return <p class="job-status" role="status">{job.retryAt === undefined ? t('statusQueued') : t('statusRetryAt', formatClock(job.retryAt))}</p>
    case 'requesting':
      return <p class="job-status job-status-busy" role="status">{t('statusRequesting')}</p>
    case 'streaming':
    case 'complete':
      return null
    case 'interrupted':
      return notice(job.error ?? INTERRUPTED)
    case 'failed':
      return notice(job.error ?? UNKNOWN)
    case 'stopped':
      return <p class="job-status job-status-stopped">{t('statusStopped')}</p>
  }
}
