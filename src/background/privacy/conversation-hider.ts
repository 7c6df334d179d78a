/**
 * "Delete after use": once the answer is in, the conversation is hidden from the ChatGPT sidebar
 * (PATCH is_visible:false). A failed PATCH is not forgotten: the id goes on a pending list in
 * storage.local and is retried on the next worker start and after the next successful hide, with
 * no alarm and no polling (peers lost these when their background page died: wong2#160).
 */
import { ChatGptError } from '../../core/chatgpt/chatgpt-error'
import type { KeyValueArea } from '../storage-areas'

export const PENDING_DELETIONS_KEY = 'privacy:pending-deletions'
/** After this long a deletion is given up (the conversation stays in the user's ChatGPT history). */
const GIVE_UP_AFTER_MS = 30 * 24 * 60 * 60 * 1000

export interface PendingDeletion {
  conversationId: string
  since: number
  attempts: number
}

export interface ConversationHiderDeps {
  hideConversation(conversationId: string): Promise<void>
  area: KeyValueArea
  now: () => number
}

const gone = (error: unknown) => error instanceof ChatGptError && error.code === 'conversation-not-found'

export function createConversationHider(deps: ConversationHiderDeps) {
  // The pending list is read-modify-written; one change at a time.
  let chain: Promise<unknown> = Promise.resolve()
  const serial = <T>(step: () => Promise<T>): Promise<T> => {
    const next = chain.then(step)
    chain = next.catch(() => undefined)
    return next
  }
  const read = async () => (await deps.area.get<PendingDeletion[]>(PENDING_DELETIONS_KEY)) ?? []
  const write = (list: PendingDeletion[]) =>
    list.length ? deps.area.set(PENDING_DELETIONS_KEY, list) : deps.area.remove(PENDING_DELETIONS_KEY)

  /** True when the conversation is hidden (or already gone from chatgpt.com). */
  async function attempt(conversationId: string): Promise<boolean> {
    try {
      await deps.hideConversation(conversationId)
      return true
    } catch (error) {
      return gone(error)
    }
  }

  async function retryPending(): Promise<void> {
    await serial(async () => {
      const list = await read()
      if (list.length === 0) return
      const left: PendingDeletion[] = []
      for (const item of list) {
        if (await attempt(item.conversationId)) continue
        if (deps.now() - item.since < GIVE_UP_AFTER_MS) left.push({ ...item, attempts: item.attempts + 1 })
      }
      await write(left)
    })
  }

  return {
    /** Hides now; on failure remembers it for later. Never throws. */
    async hide(conversationId: string): Promise<void> {
      if (await attempt(conversationId)) {
        // The way to chatgpt.com works right now: a good moment for earlier failures.
        await retryPending()
        return
      }
      await serial(async () => {
        const list = await read()
        if (list.some((item) => item.conversationId === conversationId)) return
        await write([...list, { conversationId, since: deps.now(), attempts: 1 }])
      })
    },
    retryPending,
    pending: read,
  }
}

export type ConversationHider = ReturnType<typeof createConversationHider>
