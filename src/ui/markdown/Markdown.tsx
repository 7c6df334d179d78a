/**
 * Safe, incremental markdown for model output (threats T1, T3, T16; rule R6).
 *
 * The text is split into top-level blocks (split-blocks.ts). Per update, only the appended text
 * is scanned, finished blocks are reused as-is, and only the tail block is lexed and rendered, so
 * the work per streamed delta does not grow with the answer. Very long answers fall back to
 * plain text unless the reader asks for rendering.
 */
import { useRef, useState } from 'preact/hooks'
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

function RenderedBlocks({ text, streaming }: Props) {
  const groups = useBlockGroups(text)
  return (
    <>
      {groups.map((group, i) => (
        <BlockGroup key={i} blocks={group} growing={streaming && i === groups.length - 1} />
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
