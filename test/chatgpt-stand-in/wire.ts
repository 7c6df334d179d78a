/**
 * Writes a composed SSE body to the socket following a chunk plan, with stall / truncate /
 * in-stream error / stop points. Pure scheduling: server state updates go through the hooks.
 */
import type { ServerResponse } from 'node:http'
import { sleep } from './util'

export interface WritePlan {
  frames: Buffer[]
  chunking: 'frames' | number | number[]
  /** Extra split offsets (chunkAt fault). */
  extraOffsets: number[]
  delayMs: number
  stall?: { at: number; ms: number }
  truncate?: { at: number; abort: boolean }
  error?: { at: number; frame: Buffer }
}

export interface WriteHooks {
  signal: AbortSignal
  /** Called after each write with the byte count and the number of complete frames written. */
  progress(bytes: number, framesDone: number): void
  /** Polled before each write; when it returns frames, the writer finishes the current frame, writes them and ends. */
  stopFrames(framesDone: number): Buffer[] | null
}

export type WriteOutcome = 'complete' | 'truncated' | 'aborted' | 'error-event' | 'stopped' | 'client-closed'

export function frameEnds(frames: Buffer[]): number[] {
  const ends: number[] = []
  let acc = 0
  for (const f of frames) {
    acc += f.length
    ends.push(acc)
  }
  return ends
}

/** Byte offset after `k` frames (clamped). */
export function offsetAfterFrames(frames: Buffer[], k: number): number {
  const ends = frameEnds(frames)
  if (k <= 0) return 0
  return ends[Math.min(k, ends.length) - 1] ?? 0
}

function cutPoints(plan: WritePlan, total: number, ends: number[]): number[] {
  const set = new Set<number>([total])
  if (plan.chunking === 'frames') for (const e of ends) set.add(e)
  else if (typeof plan.chunking === 'number') {
    const n = Math.max(1, Math.floor(plan.chunking))
    for (let i = n; i < total; i += n) set.add(i)
  } else for (const o of plan.chunking) set.add(o)
  for (const o of plan.extraOffsets) set.add(o)
  if (plan.stall) set.add(plan.stall.at)
  if (plan.truncate) set.add(plan.truncate.at)
  if (plan.error) set.add(plan.error.at)
  return [...set].filter((o) => o > 0 && o <= total).sort((a, b) => a - b)
}

function write(res: ServerResponse, chunk: Buffer, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted || res.destroyed || res.writableEnded) return Promise.resolve(false)
  return new Promise((resolve) => {
    const ok = res.write(chunk)
    if (ok) return resolve(true)
    const done = (v: boolean): void => {
      res.off('drain', onDrain)
      signal.removeEventListener('abort', onAbort)
      resolve(v)
    }
    const onDrain = (): void => done(true)
    const onAbort = (): void => done(false)
    res.once('drain', onDrain)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

export async function runWritePlan(res: ServerResponse, plan: WritePlan, hooks: WriteHooks): Promise<WriteOutcome> {
  const body = Buffer.concat(plan.frames)
  const ends = frameEnds(plan.frames)
  const total = body.length
  const points = cutPoints(plan, total, ends)
  const framesDoneAt = (pos: number): number => ends.filter((e) => e <= pos).length
  const { signal } = hooks
  let pos = 0
  let first = true
  let stalled = false

  const checkPoint = async (): Promise<WriteOutcome | null> => {
    if (plan.stall && !stalled && plan.stall.at === pos) {
      stalled = true
      await sleep(plan.stall.ms, signal)
      if (signal.aborted) return 'client-closed'
    }
    if (plan.truncate && plan.truncate.at === pos) return plan.truncate.abort ? 'aborted' : 'truncated'
    if (plan.error && plan.error.at === pos) {
      await write(res, plan.error.frame, signal)
      return 'error-event'
    }
    return null
  }

  for (const point of points) {
    const hit = await checkPoint()
    if (hit) return hit
    const stop = hooks.stopFrames(framesDoneAt(pos))
    if (stop) {
      // Finish the frame in flight, then the interrupt frames.
      const boundary = ends.find((e) => e >= pos) ?? total
      if (boundary > pos && !(await write(res, body.subarray(pos, boundary), signal))) return 'client-closed'
      pos = boundary
      for (const f of stop) if (!(await write(res, f, signal))) return 'client-closed'
      hooks.progress(pos, framesDoneAt(pos))
      return 'stopped'
    }
    if (!first && plan.delayMs > 0) {
      await sleep(plan.delayMs, signal)
    }
    first = false
    if (signal.aborted) return 'client-closed'
    if (!(await write(res, body.subarray(pos, point), signal))) return 'client-closed'
    pos = point
    hooks.progress(pos, framesDoneAt(pos))
  }
  const hit = await checkPoint()
  if (hit) return hit
  return 'complete'
}
