/**
 * Splits markdown into top-level blocks so a streaming answer re-lexes only its last block.
 *
 * A block starts at a line that begins in column 0 with a non-blank character, right after a
 * blank line, outside a fenced code block. The rule is prefix-stable: whether a position starts a
 * block depends only on text before it plus that line's first character, so a boundary found in
 * a prefix stays a boundary however the answer continues. That is what lets finished blocks be
 * parsed once. Being conservative is safe (fewer boundaries only means bigger blocks); the split
 * is the same whether the text arrives in one piece or in many, so rendering is too.
 */

/** One top-level block: its offset in the whole text and its source. */
export interface Block {
  start: number
  source: string
}

interface Fence {
  char: string
  length: number
}

/** Scanner state; feed it back with a longer text that starts with `text` to resume. */
export interface SplitState {
  readonly text: string
  /** Offsets where blocks start; always begins with 0. */
  readonly starts: readonly number[]
  /** Offset of the first line not yet fully scanned. */
  readonly lineStart: number
  /** The line at `lineStart` has already been checked as a block start. */
  readonly lineChecked: boolean
  readonly fence: Fence | null
  readonly prevBlank: boolean
  /** How many leading blocks are unchanged from the state this one resumed from. */
  readonly reused: number
}

const EMPTY: SplitState = { text: '', starts: [0], lineStart: 0, lineChecked: true, fence: null, prevBlank: false, reused: 0 }
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})([^\n]*)$/
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t\r]*$/
const BLANK = /^[ \t\r]*$/

/**
 * Scans `text`, resuming from `prev` when `text` extends `prev.text` (work is then proportional
 * to the appended part); otherwise scans from the start.
 */
export function scanBlocks(text: string, prev: SplitState = EMPTY): SplitState {
  // Slice-and-compare, not startsWith: V8 compares equal-length strings with a block compare but
  // runs startsWith a character at a time, and this check runs on every streamed update.
  const resume = text.length >= prev.text.length && text.slice(0, prev.text.length) === prev.text
  const from = resume ? prev : EMPTY
  const starts = [...from.starts]
  let { lineStart, lineChecked, fence, prevBlank } = from
  while (lineStart < text.length) {
    if (!lineChecked && !fence && prevBlank && !/[ \t\r\n]/.test(text.charAt(lineStart))) starts.push(lineStart)
    lineChecked = true
    const end = text.indexOf('\n', lineStart)
    if (end === -1) break
    const line = text.slice(lineStart, end)
    if (fence) {
      const close = FENCE_CLOSE.exec(line)?.[1]
      if (close && close[0] === fence.char && close.length >= fence.length) fence = null
      prevBlank = false
    } else {
      const open = FENCE_OPEN.exec(line)
      const marker = open?.[1]
      // A backtick fence's info string may not contain backticks (CommonMark 4.5).
      if (marker && !(marker[0] === '`' && open[2]?.includes('`'))) fence = { char: marker.charAt(0), length: marker.length }
      prevBlank = !fence && BLANK.test(line)
    }
    lineStart = end + 1
    lineChecked = false
  }
  // Every block but the last was finished before; the last may have grown.
  const reused = resume ? from.starts.length - 1 : 0
  return { text, starts, lineStart, lineChecked, fence, prevBlank, reused }
}

/** The blocks of a scanned text, in order; the last one is the only one that can still grow. */
export function blocksOf(state: SplitState): Block[] {
  const { text, starts } = state
  return starts.map((start, i) => ({ start, source: text.slice(start, starts[i + 1] ?? text.length) }))
}

/**
 * Like `blocksOf`, but keeps the `Block` objects (and so the very same source strings) of blocks
 * that did not change since `previous`, which must be `blocksOf` the state `state` resumed from.
 * Renderers compare sources by identity, so unchanged blocks cost nothing per update.
 */
export function updateBlocks(previous: readonly Block[], state: SplitState): Block[] {
  const { text, starts, reused } = state
  const blocks = previous.slice(0, Math.min(reused, previous.length))
  for (let i = blocks.length; i < starts.length; i++) {
    const start = starts[i] ?? 0
    blocks.push({ start, source: text.slice(start, starts[i + 1] ?? text.length) })
  }
  return blocks
}

/** Pure one-shot split, for tests and for rendering a finished answer. */
export function splitBlocks(text: string): Block[] {
  return blocksOf(scanBlocks(text))
}
