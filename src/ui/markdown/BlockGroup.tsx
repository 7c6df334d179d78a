/**
 * A run of consecutive blocks. Grouping keeps a streaming update from visiting every finished
 * block: a group whose blocks are unchanged keeps its array, and the diff skips it by identity, so
 * a 3 000-block answer costs about a hundred checks per frame instead of three thousand. Each
 * group is its own element for the same reason in layout: the browser re-walks the children of
 * the box that grew, so a flat list of blocks made every update's layout grow with the answer.
 */
import { Component } from 'preact'
import { MarkdownBlock } from './MarkdownBlock'
import type { Block } from './split-blocks'

interface Props {
  blocks: readonly Block[]
  /** This group holds the streaming tail (its last block) and may still change. */
  growing: boolean
}

/** A group of blocks; only the last one of a growing group is not final. */
export class BlockGroup extends Component<Props> {
  override shouldComponentUpdate(next: Props): boolean {
    return next.blocks !== this.props.blocks || next.growing !== this.props.growing
  }

  override render({ blocks, growing }: Props) {
    return (
      <div class="md-group">
        {blocks.map((block, i) => (
          <MarkdownBlock key={block.start} source={block.source} final={!growing || i < blocks.length - 1} />
        ))}
      </div>
    )
  }
}
