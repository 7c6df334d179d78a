/**
 * The peers' stack (peers.md §4): react-markdown + remark-gfm + rehype-highlight on React,
 * re-rendered with the whole answer on every event, as their content scripts do.
 */
import { createElement } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import Markdown from 'react-markdown'
import rehypeHighlight from 'rehype-highlight'
import remarkGfm from 'remark-gfm'
import '../../src/ui/ui.css'
import './bench.css'
import { installBench } from './driver'

const root = document.getElementById('root')!
const reactRoot = createRoot(root)
const remarkPlugins = [remarkGfm]
const rehypePlugins = [rehypeHighlight]

installBench(
  {
    render(text) {
      flushSync(() => reactRoot.render(createElement('div', { className: 'md' }, createElement(Markdown, { remarkPlugins, rehypePlugins }, text))))
    },
    settle: () => Promise.resolve(),
  },
  root,
)
