/**
 * Our renderer in the bench page. `?mode=incremental` is the product's `Markdown` (finished blocks
 * reused, only the tail re-lexed); `?mode=full` is the same lexer and block renderer without that
 * cache, re-lexing the whole answer on every render: the baseline the cache is measured against.
 */
import { render } from 'preact'
import en from '../../public/_locales/en/messages.json'
import { I18nContext, type Translate } from '../../src/ui/i18n'
import { Markdown } from '../../src/ui/markdown'
import { lexBlock } from '../../src/ui/markdown/lex'
import { loadHighlighter } from '../../src/ui/markdown/load-highlighter'
import { renderBlocks } from '../../src/ui/markdown/render-block'
import '../../src/ui/ui.css'
import './bench.css'
import { installBench } from './driver'

const messages: Record<string, { message: string }> = en
const t: Translate = (key) => messages[key]?.message ?? key

function FullMarkdown({ text, streaming }: { text: string; streaming: boolean }) {
  const tokens = lexBlock(text)
  return <div class="md">{tokens ? renderBlocks(tokens, { final: !streaming, depth: 0 }) : text}</div>
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
