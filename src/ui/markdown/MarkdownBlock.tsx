/**
 * One top-level block, lexed once per distinct source. `shouldComponentUpdate` compares the
 * source by identity: finished blocks keep the very same string (split-blocks.ts `updateBlocks`),
 * so a streaming update skips them in O(1) and only the tail block is lexed and diffed.
 */
import { Component } from 'preact'
import type { Token } from 'marked'
import { lexBlock } from './lex'
import { renderBlocks } from './render-block'

interface Props {
  source: string
  /** False while this block is the streaming tail and may still grow. */
  final: boolean
}

/** A memoised markdown block. */
export class MarkdownBlock extends Component<Props> {
  private lexedSource: string | undefined
  private tokens: Token[] | undefined

  override shouldComponentUpdate(next: Props): boolean {
    return next.source !== this.props.source || next.final !== this.props.final
  }

  override render({ source, final }: Props) {
    if (source !== this.lexedSource) {
      this.tokens = lexBlock(source)
      this.lexedSource = source
    }
    if (!this.tokens) return <p class="md-raw-html">{source}</p>
    return <>{renderBlocks(this.tokens, { final, depth: 0 })}</>
  }
}
