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
import { MarkdownBlock } from './MarkdownBlock'
import { scanBlocks, updateBlocks, type Block, type SplitState } from './split-blocks'

interface Props {
  /** The whole markdown text so far. */
  text: string
  /** True while more text may arrive; the last block is then not final. */
  streaming: boolean
}

/** Answers longer than this render as plain text by default (about 200 KB). */
export const MAX_RENDERED_CHARS = 200_000

interface Split {
  state: SplitState | undefined
  blocks: Block[]
}

function useBlocks(text: string): Block[] {
  const split = useRef<Split>({ state: undefined, blocks: [] })
  const current = split.current
  if (current.state?.text !== text) {
    const state = scanBlocks(text, current.state)
    split.current = { state, blocks: updateBlocks(current.blocks, state) }
  }
  return split.current.blocks
}

function RenderedBlocks({ text, streaming }: Props) {
  const blocks = useBlocks(text)
  return (
    <>
      {blocks.map((block, i) => (
        <MarkdownBlock key={block.start} source={block.source} final={!streaming || i < blocks.length - 1} />
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
      {forceRender ? <RenderedBlocks text={text} streaming={streaming} /> : <pre class="md-raw">{text}</pre>}
    </div>
  )
}
