/**
 * The server lets an account stream one answer at a time ("Only one message at a time", 429), so
 * sends go through one FIFO queue per account. Waiting work is visible (`onQueued`) rather than
 * failing, and nothing is ever re-sent by the queue itself.
 */
export interface QueuedTask<T> {
  run: () => Promise<T>
  /** Called once if the task has to wait, with how many are ahead of it. */
  onQueued?: (ahead: number) => void
  signal?: AbortSignal
}

export function createSendQueue() {
  let tail: Promise<unknown> = Promise.resolve()
  let pending = 0

  return {
    /** Number of tasks waiting or running. */
    get size() {
      return pending
    },
    enqueue<T>(task: QueuedTask<T>): Promise<T> {
      const ahead = pending
      pending += 1
      if (ahead > 0) task.onQueued?.(ahead)
      const result = tail.then(() => {
        if (task.signal?.aborted) throw task.signal.reason ?? new Error('aborted')
        return task.run()
      })
      const settled = result.then(
        () => undefined,
        () => undefined,
      )
      tail = settled
      void settled.then(() => {
        pending -= 1
      })
      return result
    },
  }
}

export type SendQueue = ReturnType<typeof createSendQueue>
