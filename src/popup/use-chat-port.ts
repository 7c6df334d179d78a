/**
 * The popup's only link to the service worker: one UI port, typed both ways. It opens the thread,
 * keeps a local copy current from `thread`/`job`/`delta` events (batched per animation frame),
 * re-syncs when a delta gap shows something was missed, and reconnects when the worker restarts.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import browser from '../shared/platform/browser'
import { UI_PORT_NAME, type AccountStatus, type BackgroundEvent, type ModelOption, type Surface, type ThreadView, type UiRequest } from '../shared/messaging/protocol'
import { assertNever } from './assert-never'
import { applyThreadEvents, INITIAL_CHAT_STATE, type ThreadEvent } from './chat-state'
import { createFrameBatcher } from './frame-batcher'
import { renderIntervalMs } from '../shared/render-pace'
import { createPendingAsk } from './pending-ask'
import { openConnection, type Connection, type PortLike } from './port-connection'

export interface ChatPortOptions {
  threadKey: string
  surface: Surface
  /** Injected in tests; defaults to `browser.runtime.connect`. */
  connect?: () => PortLike
}

export interface ChatPort {
  thread: ThreadView | undefined
  models: ModelOption[]
  defaultModel: string | undefined
  account: AccountStatus | undefined
  connected: boolean
  /** The last question was not accepted (refused, or no answer from the worker in time). */
  refused: boolean
  /** Resolves true once the worker accepted the question (its job appeared). */
  send(prompt: string, model?: string): Promise<boolean>
  stop(jobId: string): void
  regenerate(): void
  continueAnswer(): void
  retry(jobId: string): void
  /** Read an interrupted answer from ChatGPT's copy (never re-sends). */
  checkResult(jobId: string): void
  newChat(): void
  /** The user started typing: warm the token (throttled). */
  prewarm(): void
  refreshAccount(): void
}

const PREWARM_EVERY_MS = 30_000
const RESYNC_EVERY_MS = 250

const connectToWorker = (): PortLike => browser.runtime.connect({ name: UI_PORT_NAME })

/** The length of the answer streaming in `thread`, 0 when none is. */
function streamingChars(thread: ThreadView | undefined): number {
  return thread?.jobs.find((job) => job.status === 'streaming')?.text.length ?? 0
}

/** Connects the page to its thread in the worker. */
export function useChatPort({ threadKey, surface, connect = connectToWorker }: ChatPortOptions): ChatPort {
  const [thread, setThread] = useState<ThreadView | undefined>(undefined)
  const [models, setModels] = useState<{ list: ModelOption[]; defaultSlug?: string }>({ list: [] })
  const [account, setAccount] = useState<AccountStatus | undefined>(undefined)
  // Optimistic until a disconnect is seen, so the first paint doesn't flash "Reconnecting".
  const [connected, setConnected] = useState(true)
  const [refused, setRefused] = useState(false)
  const connection = useRef<Connection | undefined>(undefined)
  const chat = useRef(INITIAL_CHAT_STATE)
  const pending = useMemo(createPendingAsk, [])
  const timing = useRef({ prewarmAt: -Infinity, resyncAt: -Infinity })

  useEffect(() => {
    const post = (request: UiRequest) => connection.current?.post(request) ?? false
    const resync = () => {
      if (Date.now() - timing.current.resyncAt < RESYNC_EVERY_MS) return
      timing.current.resyncAt = Date.now()
      post({ type: 'openThread', threadKey, surface })
    }
    const apply = (events: ThreadEvent[]) => {
      const applied = applyThreadEvents(chat.current, events, threadKey)
      chat.current = applied.state
      setThread(applied.state.thread)
      pending.check(applied.state.thread)
      if (applied.resync) resync()
    }
    // A long streaming answer renders less often (render-pace.ts).
    const interval = () => renderIntervalMs(streamingChars(chat.current.thread))
    const batcher = createFrameBatcher<ThreadEvent>(apply, undefined, undefined, interval)
    const onEvent = (event: BackgroundEvent) => {
      switch (event.type) {
        case 'thread':
        case 'job':
        case 'delta':
          return batcher.push(event)
        case 'models':
          return setModels({ list: event.models, ...(event.defaultSlug ? { defaultSlug: event.defaultSlug } : {}) })
        case 'accountStatus':
          return setAccount(event.status)
        case 'rejected':
          // The reason is for logs, not for people; a refused ask surfaces through `refused`.
          return pending.rejected()
        default:
          return assertNever(event)
      }
    }
    connection.current = openConnection({
      connect,
      onEvent,
      onConnectedChange: setConnected,
      onOpen: (postNow) => {
        postNow({ type: 'openThread', threadKey, surface })
        postNow({ type: 'getModels' })
        postNow({ type: 'getAccountStatus' })
      },
    })
    return () => {
      batcher.cancel()
      connection.current?.close()
      connection.current = undefined
    }
  }, [threadKey, surface, connect, pending])

  // The actions keep their identity while the thread streams, so memoised components that take
  // them (header, composer, finished answers) skip the streamed updates.
  const actions = useMemo(() => {
    const post = (request: UiRequest) => connection.current?.post(request) ?? false
    return {
      send(prompt: string, model?: string) {
        setRefused(false)
        const accepted = pending.start(prompt, chat.current.thread)
        if (!post({ type: 'ask', threadKey, prompt, ...(model ? { model } : {}) })) pending.fail()
        return accepted.then((ok) => {
          if (!ok) setRefused(true)
          return ok
        })
      },
      stop: (jobId: string) => void post({ type: 'stop', jobId }),
      regenerate: () => void post({ type: 'regenerate', threadKey }),
      continueAnswer: () => void post({ type: 'continue', threadKey }),
      retry: (jobId: string) => void post({ type: 'retry', jobId }),
      checkResult: (jobId: string) => void post({ type: 'checkResult', jobId }),
      newChat: () => void post({ type: 'newChat', threadKey }),
      prewarm() {
        if (Date.now() - timing.current.prewarmAt < PREWARM_EVERY_MS) return
        if (post({ type: 'prewarm' })) timing.current.prewarmAt = Date.now()
      },
      refreshAccount: () => void post({ type: 'getAccountStatus' }),
    }
  }, [threadKey, pending])

  return useMemo<ChatPort>(
    () => ({ ...actions, thread, models: models.list, defaultModel: models.defaultSlug, account, connected, refused }),
    [actions, thread, models, account, connected, refused],
  )
}
