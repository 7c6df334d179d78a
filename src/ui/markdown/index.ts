/** Safe incremental markdown rendering for model output. */
export { Markdown, MAX_RENDERED_CHARS } from './Markdown'
export { splitBlocks, scanBlocks, blocksOf, updateBlocks, type Block, type SplitState } from './split-blocks'
