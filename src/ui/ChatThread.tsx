/**
 * The conversation: each job's prompt and answer, oldest first. Keeps the newest text in view
 * while the reader is at the bottom, without yanking them back if they scrolled up to read.
 */
import { useLayoutEffect, useRef } from 'preact/hooks'
import { useT } from './i18n'
import { JobItem } from './JobItem'
import type { ThreadViewModel } from './view-types'

interface Props {
  thread: ThreadViewModel | undefined
  onRegenerate: () => void
  onContinue: () => void
  onRetry: (jobId: string) => void
  onOpenUrl: (url: string) => void
  onNewChat: () => void
  onCheckResult?: (jobId: string) => void
}

const NEAR_BOTTOM_PX = 48

/** The scrollable list of turns, or a short greeting when there are none. */
export function ChatThread({ thread, ...actions }: Props) {
  const t = useT()
  const scroller = useRef<HTMLDivElement>(null)
  const pinned = useRef(true)
  const jobs = thread?.jobs ?? []
  useLayoutEffect(() => {
    const el = scroller.current
    if (el && pinned.current) el.scrollTop = el.scrollHeight
  })
  const onScroll = () => {
    const el = scroller.current
    if (el) pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX
  }
  return (
    <div class="thread" ref={scroller} onScroll={onScroll}>
      {jobs.length === 0 ? (
        <p class="thread-empty">{t('emptyThread')}</p>
      ) : (
        <ol class="jobs" aria-label={t('conversationLabel')}>
          {jobs.map((job, i) => (
            <JobItem key={job.jobId} job={job} isLast={i === jobs.length - 1} {...actions} />
          ))}
        </ol>
      )}
    </div>
  )
}
