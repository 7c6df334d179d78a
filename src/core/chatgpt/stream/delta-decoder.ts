import { applyDeltaOp, isRecord } from './apply-delta-op'
import type { TouchedPath } from './apply-delta-op'

/** The delta-encoding v1 ops the official decoder knows; others are skipped, not guessed. */
const KNOWN_OPS = new Set(['add', 'replace', 'append', 'patch', 'remove', 'truncate'])

/** What one frame did to the per-channel trees. */
export interface DeltaFrameResult {
  /** The channel the frame addressed (explicit `c` or carried). */
  channel: number
  /** True when the frame put a new root object on `channel`. */
  installedRoot: boolean
  touched: TouchedPath[]
  /** 1 when the whole frame was unusable, else the number of skipped ops (`patch` sub-ops count singly). */
  skipped: number
}

/**
 * Delta-encoding v1 state: one root object per channel `c`, plus the `c`/`p`/`o` values carried
 * forward from the previous frame (`v` is never carried). Pure and synchronous.
 */
export function createDeltaDecoder() {
  /** Map order is install order, so "latest message" is the last entry (re-installs move to the end). */
  const roots = new Map<number, unknown>()
  let carriedChannel = 0
  let carriedPath: string | undefined
  let carriedOp: string | undefined

  /**
   * Applies one parsed frame object (a frame without `v` is skipped). Never throws: malformed frames and ops
   * on paths that do not exist come back with `skipped > 0` and leave the trees as they were.
   */
  function applyFrame(frame: Record<string, unknown>): DeltaFrameResult {
    if (!('v' in frame)) return skippedFrame(carriedChannel)
    if ('c' in frame && !(Number.isSafeInteger(frame.c) && (frame.c as number) >= 0)) return skippedFrame(carriedChannel)
    if ('p' in frame && typeof frame.p !== 'string') return skippedFrame(carriedChannel)
    if ('o' in frame && typeof frame.o !== 'string') return skippedFrame(carriedChannel)

    const channel = typeof frame.c === 'number' ? frame.c : carriedChannel
    let path = typeof frame.p === 'string' ? frame.p : carriedPath
    let op = typeof frame.o === 'string' ? frame.o : carriedOp
    // A bare `{"v":{message…},"c":N}` opening a channel that has no root yet installs one, whatever
    // was carried (protocol.md §7.3.1): official clients keep one tree per channel.
    if (!('p' in frame) && !('o' in frame) && !roots.has(channel) && isRecord(frame.v)) {
      path = ''
      op = 'add'
    }
    // Carry what this frame resolved to even if applying it fails: the official decoder does, and
    // a later `{v}` continuation must follow *this* pointer, not an older text pointer (F10).
    carriedChannel = channel
    carriedPath = path
    carriedOp = op
    if (path === undefined || op === undefined || !KNOWN_OPS.has(op)) return skippedFrame(channel)

    const root = roots.get(channel)
    if (root === undefined && !(path === '' && (op === 'add' || op === 'replace'))) return skippedFrame(channel)
    const result = applyDeltaOp(root, { p: path, o: op, v: frame.v })
    const installedRoot = result.root !== root
    if (installedRoot) {
      roots.delete(channel)
      if (result.root !== undefined) roots.set(channel, result.root)
    }
    return { channel, installedRoot, touched: result.touched, skipped: result.skipped }
  }

  return {
    applyFrame,
    /** Root objects by channel, in install order. Read-only for callers. */
    roots: roots as ReadonlyMap<number, unknown>,
  }
}

export type DeltaDecoder = ReturnType<typeof createDeltaDecoder>

function skippedFrame(channel: number): DeltaFrameResult {
  return { channel, installedRoot: false, touched: [], skipped: 1 }
}
