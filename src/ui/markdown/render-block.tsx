/**
 * Block markdown tokens → VNodes: headings, paragraphs, lists (nested, tasks), GFM tables, code,
 * blockquotes, rules. Raw HTML blocks are shown as their source text; link definitions are hidden.
 */
import type { ComponentChild } from 'preact'
import type { MarkedToken, Token, Tokens } from 'marked'
import { CodeBlock } from './CodeBlock'
import { PlainText } from './PlainText'
import { MAX_DEPTH, renderInline } from './render-inline'

/** Whether the block can still change (streaming tail): code highlighting waits until it can't. */
export interface BlockContext {
  final: boolean
  depth: number
}

type TokenOf<K> = Extract<MarkedToken, { type: K }>

// marked's `Generic` token (type: string) defeats switch narrowing; this guard restores it.
const isType = <K extends MarkedToken['type']>(token: Token, type: K): token is TokenOf<K> => token.type === type

/** Renders a token list at block level. */
export function renderBlocks(tokens: readonly Token[], ctx: BlockContext): ComponentChild[] {
  return tokens.map((token, i) => renderBlock(token, i, ctx))
}

function renderBlock(token: Token, key: number, ctx: BlockContext): ComponentChild {
  if (ctx.depth > MAX_DEPTH) return token.raw
  const nested = { ...ctx, depth: ctx.depth + 1 }
  switch (token.type) {
    case 'space':
    case 'def':
      return null
    case 'paragraph':
      return <p key={key}>{renderInline(token.tokens, nested.depth)}</p>
    case 'text':
      // Tight list items hold `text` blocks whose inline tokens are nested one level down.
      return <span key={key}>{renderInline(token.tokens ?? [token], nested.depth)}</span>
    case 'heading':
      return renderHeading(token.depth, renderInline(token.tokens, nested.depth), key)
    case 'code':
      return <CodeBlock key={key} code={String(token.text)} lang={token.lang} final={ctx.final} />
    case 'blockquote':
      return <blockquote key={key}>{renderBlocks(token.tokens ?? [], nested)}</blockquote>
    case 'hr':
      return <hr key={key} />
    case 'list':
      return isType(token, 'list') ? renderList(token, key, nested) : null
    case 'table':
      return isType(token, 'table') ? renderTable(token, key, nested) : null
    default:
      // `html` blocks and unknown tokens: their source, as text (T1).
      return <p key={key} class="md-raw-html"><PlainText text={String(token.raw)} /></p>
  }
}

function renderHeading(depth: unknown, children: ComponentChild[], key: number): ComponentChild {
  const Tag = (['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const)[Math.min(Math.max(Number(depth) || 1, 1), 6) - 1] ?? 'h6'
  return <Tag key={key}>{children}</Tag>
}

function renderList(list: Tokens.List, key: number, ctx: BlockContext): ComponentChild {
  const items = list.items.map((item, i) => (
    <li key={i} class={item.task ? 'md-task' : undefined}>
      {item.task && <input type="checkbox" checked={item.checked === true} disabled tabIndex={-1} />}
      {renderBlocks(item.tokens.filter((t) => t.type !== 'checkbox'), ctx)}
    </li>
  ))
  if (!list.ordered) return <ul key={key}>{items}</ul>
  const start = typeof list.start === 'number' && list.start !== 1 ? list.start : undefined
  return <ol key={key} start={start}>{items}</ol>
}

function renderTable(table: Tokens.Table, key: number, ctx: BlockContext): ComponentChild {
  const cell = (c: Tokens.TableCell, i: number, Tag: 'th' | 'td') => (
    <Tag key={i} class={c.align ? `md-align-${c.align}` : undefined}>{renderInline(c.tokens, ctx.depth)}</Tag>
  )
  return (
    <div key={key} class="md-table-wrap">
      <table>
        <thead>
          <tr>{table.header.map((c, i) => cell(c, i, 'th'))}</tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>{row.map((c, i) => cell(c, i, 'td'))}</tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
