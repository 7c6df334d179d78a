/**
 * A fenced code block: language label, copy button, and syntax colours once the block is final.
 * Highlighting waits for the block to stop changing, so streaming code costs one text node per
 * update. The highlighter's code loads lazily, once; after that a block is highlighted in the
 * render that finishes it (during streaming, that is the render of the next block's first
 * text), not in a render of its own.
 */
import { useEffect, useMemo, useState } from 'preact/hooks'
import { CopyButton } from '../CopyButton'
import { useT } from '../i18n'
import { highlightLanguage, languageLabel } from './code-language'
import type { Segment } from './highlight'
import { loadedHighlighter, loadHighlighter } from './load-highlighter'
import { PlainText } from './PlainText'

interface Props {
  code: string
  /** The fence's info string (`js`, `python title="x"`…). */
  lang: string | undefined
  /** False while the block is the streaming tail. */
  final: boolean
}

/**
 * Above these sizes highlighting is skipped: colours are not worth a long main-thread task. Each
 * segment becomes a span; 9 000 of them (40 KB of dense code) took 210 ms to build in the popup
 * (e2e/security/renderer-robustness.e2e.ts), so the span count is capped as well as the input.
 */
const MAX_HIGHLIGHT_CHARS = 20_000
const MAX_HIGHLIGHT_SEGMENTS = 3_000

function useHighlight(code: string, lang: string | undefined, final: boolean): Segment[] | undefined {
  const language = highlightLanguage(lang)
  const wanted = final && language !== undefined && code.length <= MAX_HIGHLIGHT_CHARS
  const highlighter = wanted ? loadedHighlighter() : undefined
  // Until the chunk has loaded: load it, then render again.
  const [, setLoaded] = useState(false)
  useEffect(() => {
    if (!wanted || highlighter) return
    let live = true
    void loadHighlighter().then((module) => {
      if (live && module) setLoaded(true)
    })
    return () => {
      live = false
    }
  }, [wanted, highlighter])
  return useMemo(() => {
    if (!highlighter || !language) return undefined
    const result = highlighter.highlight(code, language)
    return result.length <= MAX_HIGHLIGHT_SEGMENTS ? result : undefined
  }, [highlighter, code, language])
}

/** Renders one code block. */
export function CodeBlock({ code, lang, final }: Props) {
  const t = useT()
  const segments = useHighlight(code, lang, final)
  const label = languageLabel(lang)
  return (
    <div class="md-code">
      <div class="md-code-bar">
        <span class="md-code-lang">{label || t('codeLabel')}</span>
        <CopyButton text={code} label={t('copyCode')} testId="copy-code" class="md-code-copy" />
      </div>
      <pre>
        <code data-language={label || undefined}>
          {segments ? segments.map((s, i) => (s.kind ? <span key={i} class={`hl-${s.kind}`}>{s.text}</span> : s.text)) : <PlainText text={code} />}
        </code>
      </pre>
    </div>
  )
}
