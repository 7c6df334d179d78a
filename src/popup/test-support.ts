/** Test support: a fake UI port the tests drive like the worker would, and protocol fixtures. */
import type { BackgroundEvent, JobSnapshot, ThreadView, UiRequest } from '../shared/messaging/protocol'
import type { PortLike } from './port-connection'

export interface FakePort extends PortLike {
  sent: UiRequest[]
  /** Delivers an event from the "worker". */
  emit(event: BackgroundEvent | unknown): void
  /** The worker went away (service worker stopped). */
  drop(): void
  disconnected: boolean
}

/** A port whose traffic the test can read and produce. */
export function createFakePort(): FakePort {
  const onMessage: ((message: unknown) => void)[] = []
  const onDisconnect: (() => void)[] = []
  const port: FakePort = {
    sent: [],
    disconnected: false,
    postMessage(message) {
      if (port.disconnected) throw new Error('Attempting to use a disconnected port object')
      port.sent.push(message)
    },
    disconnect() {
      port.disconnected = true
    },
    onMessage: { addListener: (callback) => void onMessage.push(callback) },
    onDisconnect: { addListener: (callback) => void onDisconnect.push(callback) },
    emit: (event) => onMessage.forEach((listener) => listener(event)),
    drop() {
      port.disconnected = true
      onDisconnect.forEach((listener) => listener())
    },
  }
  return port
}

/** A protocol job snapshot. */
export function job(overrides: Partial<JobSnapshot> = {}): JobSnapshot {
  return {
    jobId: 'j1',
    threadKey: 'popup',
    action: 'next',
    prompt: 'hi',
    status: 'streaming',
    text: '',
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  }
}

/** A protocol thread snapshot. */
export function thread(jobs: JobSnapshot[] = [], overrides: Partial<ThreadView> = {}): ThreadView {
  return { threadKey: 'popup', surface: 'popup', jobs, ...overrides }
}
