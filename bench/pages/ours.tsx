/**
 * Our renderer in the bench page. `?mode=incremental` is the product's `Markdown` (finished blocks
 * reused, only the tail re-lexed); `?mode=full` is the same renderer without that cache: every
 * render splits the whole answer into the same blocks and lexes and renders every one of them
 * afresh, with the same per-block limits, so the page ends up the same and only the reuse differs.
 * (Lexing the whole answer as one block would not do: past the lexer's size budget, about 39 K
 * characters of this answer, `lexBlock` gives up and the baseline would turn into cheap plain text.)
 */
import { Fragment, render } from 'preact'
import en from '../../public/_locales/en/messages.json'
import { I18nContext, type Translate } from '../../src/ui/i18n'
import { Markdown } from '../../src/ui/markdown'
import { lexBlock } from '../../src/ui/markdown/lex'
import { loadHighlighter } from '../../src/ui/markdown/load-highlighter'
import { MAX_LIVE_BLOCK_CHARS } from '../../src/ui/markdown/MarkdownBlock'
import { PlainText } from '../../src/ui/markdown/PlainText'
import { renderBlocks } from '../../src/ui/markdown/render-block'
import { splitBlocks } from '../../src/ui/markdown/split-blocks'
import '../../src/ui/ui.css'
import './bench.css'
import { installBench } from './driver'

const messages: Record<string, { message: string }> = en
const t: Translate = (key) => messages[key]?.message ?? key

function FullMarkdown({ text, streaming }: { text: string; streaming: boolean }) {
  const blocks = splitBlocks(text)
  return (
    <div class="md">
      {blocks.map((block, i) => {
        const final = !streaming || i < blocks.length - 1
        // As MarkdownBlock does, minus its memo: a block over the limits shows as plain text.
        const tokens = final || block.source.length <= MAX_LIVE_BLOCK_CHARS ? lexBlock(block.source) : undefined
        return (
          <Fragment key={block.start}>
            {tokens ? renderBlocks(tokens, { final, depth: 0 }) : <p class="md-raw-html"><PlainText text={block.source} /></p>}
          </Fragment>
        )
      })}
    </div>
  )
}

const full = new URLSearchParams(location.search).get('mode') === 'full'
const root = document.getElementById('root')!

installBench(
  {
    render(text, streaming) {
      const answer = full ? <FullMarkdown text={text} streaming={streaming} /> : <Markdown text={text} streaming={streaming} />
      render(<I18nContext.Provider value={t}>{answer}</I18nContext.Provider>, root)
    },
    async settle() {
      // A long answer mounted at once fills in a group per frame: wait until no group was added for
      // a few frames. Final code blocks highlight in an effect: wait for the chunk, then the effects.
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve))
      for (let stable = 0, last = -1, frames = 0; stable < 3 && frames < 600; frames++) {
        await frame()
        const groups = root.querySelectorAll('.md-group').length
        stable = groups === last ? stable + 1 : 0
        last = groups
      }
      await loadHighlighter()
      await new Promise((resolve) => setTimeout(resolve, 50))
    },
  },
  root,
)
