// @vitest-environment happy-dom
/**
 * The renderer itself, fuzzed in Node (threats T1, T3; goal G1's "1 000 fast-check markdown docs
 * per run"): the XSS corpus and 1 000 generated documents built from markdown syntax and
 * dangerous fragments render through the real `Markdown` component into nothing that can run code
 * or fetch: no script-capable or loading element, no event-handler, style or src attribute, and
 * links only to http(s) with no opener or referrer. The browser suites (e2e/security) run the
 * corpus in the real extension pages; this one runs many more documents, quickly.
 */
import { h } from 'preact'
import { cleanup } from '@testing-library/preact'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { Markdown } from '../../src/ui/markdown'
import { renderUi } from '../../src/ui/test-i18n'
import { xssCorpus } from './corpus/xss-corpus'

afterEach(cleanup)

const FORBIDDEN = 'script, iframe, frame, frameset, object, embed, applet, portal, svg, math, style, link, meta, base, form, img, video, audio, source, track, picture, template, noscript, textarea, select, details, dialog, marquee'

function liveMarkup(root: Element): string[] {
  const problems = [...root.querySelectorAll(FORBIDDEN)].map((el) => `<${el.tagName.toLowerCase()}>`)
  for (const el of root.querySelectorAll('*')) {
    for (const name of el.getAttributeNames()) {
      if (name.startsWith('on') || ['style', 'src', 'srcset', 'formaction', 'action', 'xlink:href', 'background', 'poster', 'ping', 'srcdoc'].includes(name)) problems.push(`${el.tagName} ${name}`)
    }
    if (el.tagName === 'A') {
      if (!/^https?:\/\//.test(el.getAttribute('href') ?? '')) problems.push(`a href=${el.getAttribute('href')}`)
      if (el.getAttribute('rel') !== 'noopener noreferrer') problems.push(`a rel=${el.getAttribute('rel')}`)
    }
    if (el.tagName === 'INPUT' && (el.getAttribute('type') !== 'checkbox' || !el.hasAttribute('disabled'))) problems.push('live input')
  }
  return problems
}

const renderMarkdown = (text: string, streaming = false) => renderUi(h(Markdown, { text, streaming })).container

/** Markdown syntax and dangerous fragments, combined freely. */
const piece = fc.constantFrom(
  '\n', '\n\n', ' ', '*', '**', '_', '~~', '`', '```', '~~~', '> ', '- ', '1. ', '# ', '| a |\n|---|\n| ', '[', ']', '(', ')', '![', '<', '>', '"', "'", '\\',
  '&', '&#x6A;', '&lt;', '&amp;', 'javascript:', 'JaVaScRiPt:', 'data:text/html,', 'vbscript:', 'https://example.com/', '//evil.example', 'www.example.com',
  '<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '<svg onload=alert(1)>', '<a href="javascript:alert(1)">', '<iframe src=//evil.example>',
  '<style>*{background:url(//evil.example)}</style>', 'onmouseover=alert(1)', '[r]: javascript:alert(1)', '[x][r]', '<https://example.com>', '- [x] ', '\u200b', '\u202e',
)
const doc = fc.array(fc.oneof({ weight: 4, arbitrary: piece }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), { maxLength: 60 }).map((parts) => parts.join(''))

describe('Markdown renders untrusted text inert', () => {
  it('the checker sees live markup when there is some (self-test)', () => {
    const root = document.createElement('div')
    root.innerHTML = '<img src="x" onerror="alert(1)"><a href="javascript:alert(1)">x</a><p style="color:red">y</p>'
    expect(new Set(liveMarkup(root))).toEqual(new Set(['<img>', 'IMG src', 'IMG onerror', 'a href=javascript:alert(1)', 'a rel=null', 'P style']))
  })

  it('renders every corpus payload inert, finished and mid-stream', () => {
    const corpus = xssCorpus()
    const failures: string[] = []
    for (const payload of corpus) {
      for (const streaming of [false, true]) {
        const problems = liveMarkup(renderMarkdown(payload.markdown, streaming))
        if (problems.length) failures.push(`#${payload.id} ${JSON.stringify(payload.markdown).slice(0, 80)}: ${problems.join(', ')}`)
        cleanup()
      }
    }
    console.log(`[xss] renderer (Node): ${corpus.length} corpus payloads × 2 states → ${failures.length} with live markup`)
    expect(failures).toEqual([])
  })

  it('renders 1 000 generated documents inert (fast-check)', () => {
    let runs = 0
    fc.assert(
      fc.property(doc, (text) => {
        runs += 1
        const problems = liveMarkup(renderMarkdown(text))
        cleanup()
        expect(problems, JSON.stringify(text)).toEqual([])
      }),
      { numRuns: 1_000, seed: 20261126 },
    )
    console.log(`[xss] renderer (Node): ${runs} generated documents → 0 with live markup`)
  })
})
