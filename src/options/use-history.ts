/**
 * The history list's state for a page: the entries for the current search, kept fresh when
 * threads change anywhere (an answer finishing in the popup, a delete in another tab), and the
 * actions, which go to the worker. Exports arrive as Markdown and are handed to `saveFile`.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import type { HistoryEntry } from '../shared/messaging/protocol'
import type { WorkerLink } from './worker-link'

export interface HistoryDeps {
  worker: WorkerLink
  /** Calls back when stored threads change; returns the unsubscribe. */
  onThreadsChanged: (callback: () => void) => () => void
  saveFile: (filename: string, markdown: string) => void
}

/** Typing settles before the worker searches; storage bursts (streaming) settle longer. */
const QUERY_DEBOUNCE_MS = 150
const CHANGE_DEBOUNCE_MS = 500

export function useHistory({ worker, onThreadsChanged, saveFile }: HistoryDeps) {
  const [entries, setEntries] = useState<HistoryEntry[]>([])
  const [loading, setLoading] = useState(true)
  const [query, setQueryState] = useState('')
  const current = useRef('')

  const refresh = useCallback(() => void worker.post({ type: 'listHistory', query: current.current }), [worker])

  useEffect(
    () =>
      worker.listen((event) => {
        if (event.type === 'history' && event.query === current.current) {
          setEntries(event.entries)
          setLoading(false)
        }
        if (event.type === 'historyExport') saveFile(event.filename, event.markdown)
      }),
    [worker, saveFile],
  )

  useEffect(() => {
    refresh()
    let timer: ReturnType<typeof setTimeout> | undefined
    const unsubscribe = onThreadsChanged(() => {
      clearTimeout(timer)
      timer = setTimeout(refresh, CHANGE_DEBOUNCE_MS)
    })
    return () => {
      clearTimeout(timer)
      unsubscribe()
    }
  }, [refresh, onThreadsChanged])

  const typing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const setQuery = (next: string) => {
    setQueryState(next)
    current.current = next
    clearTimeout(typing.current)
    typing.current = setTimeout(refresh, QUERY_DEBOUNCE_MS)
  }

  return {
    entries,
    loading,
    query,
    setQuery,
    remove(threadKey: string) {
      setEntries((list) => list.filter((entry) => entry.threadKey !== threadKey))
      worker.post({ type: 'deleteThread', threadKey })
      refresh()
    },
    removeAll() {
      setEntries([])
      worker.post({ type: 'deleteAllHistory' })
      refresh()
    },
    exportThread: (threadKey: string) => void worker.post({ type: 'exportThread', threadKey }),
    exportAll: () => void worker.post({ type: 'exportAll' }),
  }
}
