/**
 * The conversation: each job's prompt and answer, oldest first. Keeps the newest text in view
 * while the reader is at the bottom, without yanking them back if they scrolled up to read.
 */
import { useEffect, useRef } from 'preact/hooks'
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

/**
 * Follows the bottom of `scroller` while the reader is there. It scrolls when a size changes
 * (the content grew, the box shrank), from a ResizeObserver: that runs after the frame's layout,
 * so reading the scroll height costs nothing. Scrolling after each render instead read it before
 * the layout was done, forcing one extra layout per streamed update.
 */
function useFollowBottom() {
  const scroller = useRef<HTMLDivElement>(null)
  const content = useRef<HTMLDivElement>(null)
  const pinned = useRef(true)
  useEffect(() => {
    const box = scroller.current
    const inner = content.current
    if (!box || !inner) return
    const observer = new ResizeObserver(() => {
      if (pinned.current) box.scrollTop = box.scrollHeight
    })
    observer.observe(box)
    observer.observe(inner)
    return () => observer.disconnect()
  }, [])
  const onScroll = () => {
    const el = scroller.current
    if (el) pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX
  }
  return { scroller, content, onScroll }
}

/** The scrollable list of turns, or a short greeting when there are none. */
export function ChatThread({ thread, ...actions }: Props) {
  const t = useT()
  const { scroller, content, onScroll } = useFollowBottom()
  const jobs = thread?.jobs ?? []
  return (
    <div class="thread" ref={scroller} onScroll={onScroll}>
      <div ref={content}>
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
    </div>
  )
}
