/**
 * Safe, incremental markdown for model output (threats T1, T3, T16; rule R6).
 *
 * The text is split into top-level blocks (split-blocks.ts). Per update, only the appended text
 * is scanned, finished blocks are reused as-is, and only the tail block is lexed and rendered, so
 * the work per streamed delta does not grow with the answer. Very long answers fall back to
 * plain text unless the reader asks for rendering.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import { useT } from '../i18n'
import { BlockGroup } from './BlockGroup'
import { PlainText } from './PlainText'
import { scanBlocks, updateBlocks, type Block, type SplitState } from './split-blocks'

interface Props {
  /** The whole markdown text so far. */
  text: string
  /** True while more text may arrive; the last block is then not final. */
  streaming: boolean
}

/** Answers longer than this render as plain text by default (about 200 KB). */
export const MAX_RENDERED_CHARS = 200_000

/** Blocks are rendered in groups of this many (see BlockGroup). */
const GROUP_SIZE = 32

interface Split {
  state: SplitState | undefined
  blocks: Block[]
  /** Block i is in group ⌊i / GROUP_SIZE⌋ for good, so it never changes parent and never remounts. */
  groups: Block[][]
}

function useBlockGroups(text: string): Block[][] {
  const split = useRef<Split>({ state: undefined, blocks: [], groups: [] })
  const previous = split.current
  if (previous.state?.text !== text) {
    const state = scanBlocks(text, previous.state)
    const blocks = updateBlocks(previous.blocks, state)
    // A full group whose blocks were all reused keeps its array, so BlockGroup skips it.
    const groups = previous.groups.slice(0, Math.floor(state.reused / GROUP_SIZE))
    for (let start = groups.length * GROUP_SIZE; start < blocks.length; start += GROUP_SIZE) {
      groups.push(blocks.slice(start, start + GROUP_SIZE))
    }
    split.current = { state, blocks, groups }
  }
  return split.current.groups
}

/**
 * An answer that is already long when it first shows (reopening the popup on a finished answer)
 * would otherwise render in one long main-thread task (~90 ms for 50 KB, ~250 ms for 200 KB). It
 * mounts its last group first, where the reader is, and adds the earlier ones one per frame;
 * scroll anchoring keeps the view still while they appear above it.
 */
const PROGRESSIVE_MIN_GROUPS = 3

function useProgressiveStart(groupCount: number): number {
  const [start, setStart] = useState(() => (groupCount >= PROGRESSIVE_MIN_GROUPS ? groupCount - 1 : 0))
  useEffect(() => {
    if (start === 0) return
    const frame = requestAnimationFrame(() => setStart((s) => Math.max(0, s - 1)))
    return () => cancelAnimationFrame(frame)
  }, [start])
  // A replaced, shorter text must not leave nothing to show.
  return Math.min(start, Math.max(0, groupCount - 1))
}

function RenderedBlocks({ text, streaming }: Props) {
  const groups = useBlockGroups(text)
  const start = useProgressiveStart(groups.length)
  return (
    <>
      {groups.slice(start).map((group, j) => (
        <BlockGroup key={start + j} blocks={group} growing={streaming && start + j === groups.length - 1} />
      ))}
    </>
  )
}

/** Renders markdown `text` as preact VNodes; never as an HTML string. */
export function Markdown({ text, streaming }: Props) {
  const t = useT()
  const [forceRender, setForceRender] = useState(false)
  if (text.length <= MAX_RENDERED_CHARS) {
    return (
      <div class="md">
        <RenderedBlocks text={text} streaming={streaming} />
      </div>
    )
  }
  return (
    <div class="md md-oversize">
      <p class="md-oversize-note">
        {t('answerTooLong')}{' '}
        <button type="button" class="ui-button ui-button-quiet" data-testid="render-toggle" onClick={() => setForceRender(!forceRender)}>
          {forceRender ? t('showRaw') : t('renderAnyway')}
        </button>
      </p>
      {forceRender ? <RenderedBlocks text={text} streaming={streaming} /> : <pre class="md-raw"><PlainText text={text} /></pre>}
    </div>
  )
}
