/**
 * The UI port: validates each request, answers with snapshots, and wires live job events to the
 * port that asked. Disconnecting only detaches: answers keep streaming into storage.
 */
import type { ChatGptClient } from '../core/chatgpt/chatgpt-client'
import { ChatGptError } from '../core/chatgpt/chatgpt-error'
import type { Runtime } from '../shared/platform/browser'
import { UI_PORT_NAME, type BackgroundEvent, type UiRequest } from '../shared/messaging/protocol'
import { validateUiRequest } from '../shared/messaging/validate-ui-request'
import type { Settings } from '../shared/settings'
import type { JobRunner } from './job-runner'
import type { PortHub } from './port-hub'
import { isExtensionPage } from './sender-policy'
import { toThreadView, type ThreadRepository } from './thread-repository'
import { handleHistoryRequest, isHistoryRequest } from './history/history-requests'
import type { History } from './history/history-service'
import { runConnectionCheck, type ConnectionCheckDeps } from './connection-check/run-connection-check'
import { overlayScope } from './overlay-scope'
import { overlayTabId } from './selection/overlay-lifetime'
import { tabThreadKey } from '../overlay/pages'

export interface UiPortDeps {
  client: ChatGptClient
  runner: JobRunner
  threads: ThreadRepository
  hub: PortHub
  settings: () => Promise<Settings>
  history: History
  connectionCheck: ConnectionCheckDeps
}

/**
 * Requests that read or change what a thread key holds run one after another, in the order the
 * page sent them. Each handler awaits storage, so without this "New chat" followed at once by a
 * question could load the old record before it was filed into history and ask there: the answer
 * then never showed in the new chat. Other requests (models, account, stop, history lists) do
 * not wait behind them.
 */
const IN_ORDER: ReadonlySet<UiRequest['type']> = new Set<UiRequest['type']>(['openThread', 'ask', 'regenerate', 'continue', 'retry', 'newChat', 'deleteThread'])

function describe(error: unknown) {
  return error instanceof ChatGptError ? error.toJSON() : { code: 'unknown' as const, message: String(error) }
}

export function handleUiPort(port: Runtime.Port, deps: UiPortDeps): void {
  if (port.name !== UI_PORT_NAME) return
  if (!isExtensionPage(port.sender)) {
    port.disconnect()
    return
  }
  deps.hub.add(port)
  port.onDisconnect.addListener(() => deps.hub.remove(port))
  const reply = (event: BackgroundEvent) => deps.hub.post(port, event)

  async function handle(request: UiRequest): Promise<void> {
    switch (request.type) {
      case 'openThread': {
        const settings = await deps.settings()
        const privacy = settings.privacy[request.surface]
        const record = await deps.threads.open(request.threadKey, request.surface, privacy === 'temporary', privacy)
        deps.hub.subscribe(port, request.threadKey)
        reply({ type: 'thread', thread: toThreadView(record) })
        return
      }
      case 'ask':
        await deps.runner.start(request.threadKey, 'next', request.prompt, request.model)
        return
      case 'regenerate':
        await deps.runner.start(request.threadKey, 'variant')
        return
      case 'continue':
        await deps.runner.start(request.threadKey, 'continue')
        return
      case 'retry': {
        const found = await deps.threads.findJob(request.jobId)
        if (!found || deps.runner.isActive(request.jobId)) return reply({ type: 'rejected', reason: 'nothing to retry' })
        const { record, job } = found
        // A failure that never reached an answer leaves no trace: the retry takes its place.
        if (!job.text && !job.messageId && (job.status === 'failed' || job.status === 'interrupted')) {
          record.jobs = record.jobs.filter((j) => j !== job)
          delete record.plans[job.jobId]
          await deps.threads.save(record)
          deps.hub.broadcast(record.state.threadKey, { type: 'thread', thread: toThreadView(record) })
        }
        await deps.runner.start(record.state.threadKey, 'next', job.prompt)
        return
      }
      case 'stop':
        deps.runner.stop(request.jobId)
        return
      case 'checkResult':
        // Reads ChatGPT's copy of an interrupted answer; never sends the question again.
        if (!(await deps.runner.checkResult(request.jobId))) reply({ type: 'rejected', reason: 'nothing to check' })
        return
      case 'newChat': {
        const record = await deps.threads.load(request.threadKey)
        if (!record) return reply({ type: 'rejected', reason: 'unknown thread' })
        const settings = await deps.settings()
        // The old conversation stays in history under its own key; this one starts afresh.
        const fresh = await deps.history.startOver(record, settings.privacy[record.surface])
        deps.hub.broadcast(request.threadKey, { type: 'thread', thread: toThreadView(fresh) })
        void deps.history.prune()
        return
      }
      case 'getModels': {
        const { models, defaultSlug } = await deps.client.getModels()
        reply({ type: 'models', models, ...(defaultSlug ? { defaultSlug } : {}) })
        return
      }
      case 'getAccountStatus':
        try {
          await deps.client.checkSession()
          reply({ type: 'accountStatus', status: { loggedIn: true } })
        } catch (error) {
          reply({ type: 'accountStatus', status: { loggedIn: false, error: describe(error) } })
        }
        return
      case 'prewarm':
        await deps.client.prewarm()
        return
      case 'connectionCheck':
        await runConnectionCheck(deps.connectionCheck, (steps) => {
          try {
            port.postMessage({ type: 'connectionCheck', steps })
          } catch {
            // The options page closed mid-check.
          }
        })
        return
      default:
        if (isHistoryRequest(request)) return handleHistoryRequest(request, deps, port)
    }
  }

  // An overlay iframe's port is bound to its tab's thread (overlay-scope.ts).
  const overlayTab = overlayTabId(port)
  const scope = overlayTab === undefined ? undefined : tabThreadKey(overlayTab)
  const refuse = () => reply({ type: 'rejected', reason: 'outside this overlay' })

  let inOrder: Promise<void> = Promise.resolve()

  port.onMessage.addListener((message: unknown) => {
    const request = validateUiRequest(message)
    if (!request) return reply({ type: 'rejected', reason: 'malformed request' })
    const verdict = scope === undefined ? 'allow' : overlayScope(request, scope)
    const go = (): Promise<void> =>
      verdict === 'allow' ? handle(request)
      : verdict === 'deny' || !('jobId' in request) ? Promise.resolve(refuse())
      : deps.threads.findJob(request.jobId).then((found) => (found?.record.state.threadKey === scope ? handle(request) : refuse()))
    let run: Promise<void>
    if (IN_ORDER.has(request.type)) {
      run = inOrder.then(go)
      inOrder = run.catch(() => undefined)
    } else run = go()
    run.catch((error: unknown) => {
      if (request.type === 'prewarm') return // warming is opportunistic
      reply({ type: 'rejected', reason: describe(error).message })
    })
  })
}
