/**
 * The history requests of the UI port (options page, chat sidebar). They run one after another
 * per port, so a list asked right after a delete already sees it gone. A page that has a deleted
 * thread open is sent the thread again, empty, and can go on asking in it.
 */
import type { Runtime } from '../../shared/platform/browser'
import type { HistoryEvent, UiRequest } from '../../shared/messaging/protocol'
import type { Settings } from '../../shared/settings'
import type { PortHub } from '../port-hub'
import { toThreadView, type ThreadRecord, type ThreadRepository } from '../thread-repository'
import type { History } from './history-service'

export type HistoryRequest = Extract<UiRequest, { type: 'listHistory' | 'deleteThread' | 'deleteAllHistory' | 'exportThread' | 'exportAll' }>

export interface HistoryRequestDeps {
  history: History
  threads: ThreadRepository
  hub: PortHub
  settings: () => Promise<Settings>
}

const HISTORY_TYPES: ReadonlySet<string> = new Set(['listHistory', 'deleteThread', 'deleteAllHistory', 'exportThread', 'exportAll'])

export function isHistoryRequest(request: UiRequest): request is HistoryRequest {
  return HISTORY_TYPES.has(request.type)
}

const queues = new WeakMap<Runtime.Port, Promise<unknown>>()

function send(port: Runtime.Port, event: HistoryEvent): void {
  try {
    port.postMessage(event)
  } catch {
    // The page closed before the answer: nothing to tell.
  }
}

/** Pages still showing a deleted thread get it back empty, re-created so they can keep asking. */
async function reopenIfWatched(deps: HistoryRequestDeps, deleted: ThreadRecord | undefined): Promise<void> {
  if (!deleted || deps.hub.listeners(deleted.state.threadKey) === 0) return
  const privacy = (await deps.settings()).privacy[deleted.surface]
  const fresh = await deps.threads.open(deleted.state.threadKey, deleted.surface, privacy === 'temporary', privacy)
  deps.hub.broadcast(fresh.state.threadKey, { type: 'thread', thread: toThreadView(fresh) })
}

async function handle(request: HistoryRequest, deps: HistoryRequestDeps, port: Runtime.Port): Promise<void> {
  switch (request.type) {
    case 'listHistory': {
      const query = request.query ?? ''
      return send(port, { type: 'history', query, entries: await deps.history.list(query) })
    }
    case 'deleteThread': {
      const record = await deps.threads.load(request.threadKey)
      await deps.history.remove(request.threadKey)
      return reopenIfWatched(deps, record)
    }
    case 'deleteAllHistory': {
      const records = await deps.threads.all()
      await deps.history.removeAll()
      for (const record of records) await reopenIfWatched(deps, record)
      return
    }
    case 'exportThread': {
      const exported = await deps.history.exportThread(request.threadKey)
      if (exported) send(port, { type: 'historyExport', ...exported })
      return
    }
    case 'exportAll':
      return send(port, { type: 'historyExport', ...(await deps.history.exportAll()) })
  }
}

/** Queues the request behind the port's earlier history requests. */
export function handleHistoryRequest(request: HistoryRequest, deps: HistoryRequestDeps, port: Runtime.Port): Promise<void> {
  const next = (queues.get(port) ?? Promise.resolve()).then(() => handle(request, deps, port))
  queues.set(port, next.catch(() => undefined))
  return next
}
