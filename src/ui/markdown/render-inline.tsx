/**
 * Inline markdown tokens → VNodes. Every string lands in a text node or a vetted attribute:
 * raw HTML is shown as its source text, links must be http(s), images wait for a click.
 */
import type { ComponentChild } from 'preact'
import type { Token } from 'marked'
import { decodeEntities } from './entities'
import { ImagePlaceholder } from './ImagePlaceholder'
import { safeHttpUrl } from './safe-url'

/** Deeper nesting than this is shown as source text: it only happens in hostile input (T16). */
export const MAX_DEPTH = 24

/** Renders inline tokens (paragraph, heading, cell and list-item text). */
export function renderInline(tokens: readonly Token[] | undefined, depth = 0): ComponentChild[] {
  if (!tokens) return []
  return tokens.map((token, i) => renderOne(token, i, depth))
}

function renderOne(token: Token, key: number, depth: number): ComponentChild {
  if (depth > MAX_DEPTH) return token.raw
  const inner = (children: readonly Token[] | undefined) => renderInline(children, depth + 1)
  switch (token.type) {
    case 'text':
      // marked keeps references undecoded in `raw`; decoding `raw` once is exact (see entities.ts).
      return token.tokens ? inner(token.tokens) : decodeEntities(token.raw)
    case 'escape':
      return token.text
    case 'strong':
      return <strong key={key}>{inner(token.tokens)}</strong>
    case 'em':
      return <em key={key}>{inner(token.tokens)}</em>
    case 'del':
      return <del key={key}>{inner(token.tokens)}</del>
    case 'codespan':
      return <code key={key}>{token.text}</code>
    case 'br':
      return <br key={key} />
    case 'link':
      return renderLink(token.href, token.title, inner(token.tokens), key)
    case 'image':
      return (
        <ImagePlaceholder
          key={key}
          src={decodeEntities(String(token.href))}
          alt={decodeEntities(String(token.text))}
        />
      )
    default:
      // Raw HTML (`html` tags), checkboxes outside list items, and anything unknown: their source as text.
      return token.raw
  }
}

function renderLink(href: unknown, title: unknown, children: ComponentChild[], key: number): ComponentChild {
  const url = safeHttpUrl(typeof href === 'string' ? decodeEntities(href) : undefined)
  if (!url) return <span key={key} class="md-inert-link">{children}</span>
  const shown = typeof title === 'string' && title ? `${decodeEntities(title)}\n${url.href}` : url.href
  return (
    // The full URL shows on hover before anyone navigates; no referrer leaves the extension (T3).
    <a key={key} href={url.href} title={shown} target="_blank" rel="noopener noreferrer" referrerpolicy="no-referrer">
      {children}
    </a>
  )
}
