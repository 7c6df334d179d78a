/**
 * One top-level block, lexed once per distinct source. `shouldComponentUpdate` compares the
 * source by identity: finished blocks keep the very same string (split-blocks.ts `updateBlocks`),
 * so a streaming update skips them in O(1) and only the tail block is lexed and diffed.
 */
import { Component } from 'preact'
import type { Token } from 'marked'
import { lexBlock } from './lex'
import { PlainText } from './PlainText'
import { renderBlocks } from './render-block'

interface Props {
  source: string
  /** False while this block is the streaming tail and may still grow. */
  final: boolean
}

/**
 * A still-growing block longer than this shows as plain text until it is final: re-lexing a huge
 * paragraph or table on every frame would stall the page (threats T16, G17). Finished blocks of
 * any size (within the answer cap) are lexed once.
 */
export const MAX_LIVE_BLOCK_CHARS = 16_000

/** A memoised markdown block. */
export class MarkdownBlock extends Component<Props> {
  private lexedSource: string | undefined
  private tokens: Token[] | undefined

  override shouldComponentUpdate(next: Props): boolean {
    return next.source !== this.props.source || next.final !== this.props.final
  }

  override render({ source, final }: Props) {
    if (!final && source.length > MAX_LIVE_BLOCK_CHARS) return <p class="md-raw-html"><PlainText text={source} /></p>
    if (source !== this.lexedSource) {
      this.tokens = lexBlock(source)
      this.lexedSource = source
    }
    if (!this.tokens) return <p class="md-raw-html"><PlainText text={source} /></p>
    return <>{renderBlocks(this.tokens, { final, depth: 0 })}</>
  }
}
