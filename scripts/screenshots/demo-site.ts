/**
 * The ordinary web page the selection picture is taken on, served on loopback: a short article in
 * the shot's language, light or dark with the system like most sites today.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { CONTENT, type ShotLocale } from './content'

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c)

function articleHtml(locale: ShotLocale): string {
  const { title, lead, paragraph, after } = CONTENT[locale].article
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="color-scheme" content="light dark">
<title>${escape(title)}</title>
<style>
  :root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --rule: #d1d9e0; --accent: #0b6bcb; }
  @media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --rule: #3d444d; --accent: #4493f8; } }
  body { margin: 0; background: var(--bg); color: var(--fg); font: 18px/1.7 "Noto Serif", "Noto Serif CJK SC", Georgia, serif; }
  header { border-bottom: 1px solid var(--rule); padding: 14px 48px; font: 600 15px/1 "Noto Sans", "Noto Sans CJK SC", sans-serif; color: var(--accent); }
  main { max-width: 680px; margin: 0 48px; padding: 24px 0; }
  h1 { font-size: 34px; line-height: 1.25; margin: 12px 0 16px; }
  .lead { color: var(--muted); font-size: 20px; }
</style>
</head>
<body>
<header>Science Weekly</header>
<main>
  <h1>${escape(title)}</h1>
  <p class="lead">${escape(lead)}</p>
  <p id="selection">${escape(paragraph)}</p>
  <p>${escape(after)}</p>
</main>
</body>
</html>`
}

export interface DemoSite {
  url(locale: ShotLocale): string
  close(): Promise<void>
}

export async function startDemoSite(): Promise<DemoSite> {
  const server = createServer((request, response) => {
    const locale = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('lang') === 'zh-CN' ? 'zh-CN' : 'en'
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(articleHtml(locale))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: (locale) => `${origin}/article.html?lang=${locale}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
