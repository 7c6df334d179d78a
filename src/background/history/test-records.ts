/** Test support: an in-memory storage area and thread records built the way the worker builds them. */
import type { JobSnapshot, Surface } from '../../shared/messaging/protocol'
import type { PrivacyMode } from '../../shared/settings'
import type { KeyValueArea } from '../storage-areas'
import type { ThreadRecord } from '../thread-repository'

export function memoryArea(initial: Record<string, unknown> = {}): KeyValueArea & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>(Object.entries(structuredClone(initial)))
  return {
    data,
    get: async <T,>(key: string) => structuredClone(data.get(key)) as T | undefined,
    getAll: async (prefix: string) => Object.fromEntries([...data].filter(([key]) => key.startsWith(prefix)).map(([k, v]) => [k, structuredClone(v)])),
    set: async (key: string, value: unknown) => void data.set(key, structuredClone(value)),
    remove: async (key: string) => void data.delete(key),
  }
}

export interface TurnSpec {
  prompt: string
  text: string
  at: number
  status?: JobSnapshot['status']
  model?: string
  action?: JobSnapshot['action']
}

export function record(threadKey: string, turns: TurnSpec[], extra: { surface?: Surface; title?: string; privacy?: PrivacyMode; temporary?: boolean; conversationId?: string } = {}): ThreadRecord {
  const jobs: JobSnapshot[] = turns.map((turn, index) => ({
    jobId: `${threadKey}-job-${index}`,
    threadKey,
    action: turn.action ?? 'next',
    prompt: turn.prompt,
    status: turn.status ?? 'complete',
    text: turn.text,
    createdAt: turn.at,
    updatedAt: turn.at + 1000,
    ...(turn.model ? { model: turn.model } : {}),
    ...(extra.conversationId ? { conversationId: extra.conversationId } : {}),
  }))
  return {
    state: {
      threadKey,
      temporary: extra.temporary ?? false,
      ...(extra.title ? { title: extra.title } : {}),
      ...(extra.conversationId ? { conversationId: extra.conversationId } : {}),
    },
    surface: extra.surface ?? 'popup',
    jobs,
    plans: {},
    ...(extra.privacy ? { privacy: extra.privacy } : {}),
  }
}
