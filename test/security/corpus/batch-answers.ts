/**
 * Packs many payloads into one streamed answer without letting them change each other's meaning.
 * The renderer lexes each top-level block on its own (src/ui/markdown/split-blocks.ts), so a
 * payload is isolated when, placed between two marker paragraphs, it neither merges into the
 * marker before it (it starts indented or inside a lazy continuation) nor swallows the marker after
 * it (an unclosed code fence). Payloads that fail a side go first or last in their answer, where
 * they have no neighbour on that side, so each one renders exactly as it would alone.
 */
import { splitBlocks } from '../../../src/ui/markdown/split-blocks'

export interface Batched<T extends { id: number; markdown: string }> {
  /** The answer text streamed from the stand-in. */
  text: string
  payloads: T[]
}

const marker = (label: string) => `§${label}§`

interface Isolation {
  before: boolean
  after: boolean
}

function isolation(markdown: string): Isolation {
  const head = marker('head')
  const tail = marker('tail')
  const blocks = splitBlocks(`${head}\n\n${markdown}\n\n${tail}`)
  return {
    before: blocks[0]?.source.trim() === head,
    after: blocks.at(-1)?.source.trim() === tail,
  }
}

/**
 * Groups payloads into answers of at most `size` (plus one leading and one trailing payload that
 * need that place), each payload followed by a marker paragraph naming it.
 */
export function batchAnswers<T extends { id: number; markdown: string }>(payloads: readonly T[], size: number): Batched<T>[] {
  const leaders: T[] = []
  const middle: T[] = []
  const trailers: T[] = []
  const loners: T[] = []
  for (const payload of payloads) {
    const { before, after } = isolation(payload.markdown)
    if (!before && !after) loners.push(payload)
    else if (!before) leaders.push(payload)
    else if (!after) trailers.push(payload)
    else middle.push(payload)
  }
  const lists: T[][] = loners.map((p) => [p])
  while (leaders.length || middle.length || trailers.length) {
    const leader = leaders.shift()
    const trailer = trailers.shift()
    lists.push([...(leader ? [leader] : []), ...middle.splice(0, size), ...(trailer ? [trailer] : [])])
  }
  return lists.map((list) => ({
    payloads: list,
    text: list
      .map((p, i) => (i === list.length - 1 && !isolation(p.markdown).after ? p.markdown : `${p.markdown}\n\n${marker(String(p.id))}`))
      .join('\n\n'),
  }))
}
