/**
 * A structural check of rendered answers in the real page: nothing in an answer can run code or
 * fetch by itself. Runs inside the page (self-contained for `page.evaluate`).
 */

export interface DomFinding {
  tag: string
  problem: string
}

/** Scans every `[data-testid=answer]` in the document. */
export function findLiveMarkup(): DomFinding[] {
  const FORBIDDEN = new Set([
    'SCRIPT', 'IFRAME', 'FRAME', 'FRAMESET', 'OBJECT', 'EMBED', 'APPLET', 'PORTAL', 'SVG', 'MATH', 'STYLE',
    'LINK', 'META', 'BASE', 'FORM', 'IMG', 'IMAGE', 'VIDEO', 'AUDIO', 'SOURCE', 'TRACK', 'TEMPLATE', 'PICTURE',
    'NOSCRIPT', 'TEXTAREA', 'SELECT', 'DIALOG', 'DETAILS', 'MARQUEE', 'BGSOUND', 'KEYGEN', 'ISINDEX',
  ])
  const findings: DomFinding[] = []
  const roots = Array.from(document.querySelectorAll('[data-testid=answer]'))
  for (const root of roots) {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      const tag = el.tagName.toUpperCase()
      if (FORBIDDEN.has(tag)) findings.push({ tag, problem: 'forbidden element' })
      if (el.shadowRoot) findings.push({ tag, problem: 'shadow root' })
      for (const name of el.getAttributeNames()) {
        const value = el.getAttribute(name) ?? ''
        if (name.startsWith('on')) findings.push({ tag, problem: `handler ${name}` })
        if (['style', 'srcset', 'src', 'formaction', 'action', 'xlink:href', 'background', 'poster', 'ping', 'srcdoc', 'data'].includes(name)) {
          findings.push({ tag, problem: `attribute ${name}` })
        }
        // Only URL-bearing attributes can navigate; `title` or `data-language` holding such text is inert.
        if (['href', 'cite', 'longdesc', 'codebase', 'manifest'].includes(name) && /^\s*(javascript|vbscript|data):/i.test(value)) {
          findings.push({ tag, problem: `${name}=${value.slice(0, 40)}` })
        }
      }
      if (tag === 'A' && !/^https?:\/\//.test(el.getAttribute('href') ?? '')) findings.push({ tag, problem: `href ${el.getAttribute('href')}` })
      if (tag === 'A' && el.getAttribute('rel') !== 'noopener noreferrer') findings.push({ tag, problem: `rel ${el.getAttribute('rel')}` })
      if (tag === 'INPUT' && (el.getAttribute('type') !== 'checkbox' || !el.hasAttribute('disabled'))) findings.push({ tag, problem: 'live input' })
    }
  }
  return findings
}
