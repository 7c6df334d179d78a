/**
 * No remote code and no hidden egress in what ships (threats T1, T8, T13, T14; goals G6, G7): the
 * built files contain no `eval`, no `new Function`, no string timers, no remote imports or script
 * URLs, no `importScripts`, no source maps; the only HTML-string sink is preact's own
 * `dangerouslySetInnerHTML` branch, which no source file uses; and every URL literal in the bundle
 * names a host on a short, explained list. The source tree is held to the same rule, so a new
 * sink is caught before it is bundled.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { distFiles, readDist } from './built-extension'

const files = distFiles()
const code = files.filter((f) => /\.(js|mjs|html)$/.test(f))

/** Patterns that mean code from a string or from elsewhere. */
const REMOTE_CODE: Array<[string, RegExp]> = [
  ['eval(', /(^|[^.\w$])eval\s*\(/],
  ['new Function', /\bnew\s+Function\s*\(/],
  ['Function("…")', /(^|[^.\w$])Function\s*\(\s*["'`]/],
  ['string timer', /\bset(Timeout|Interval)\s*\(\s*["'`]/],
  ['importScripts', /\bimportScripts\s*\(/],
  ['remote import()', /\bimport\s*\(\s*["'`](https?:)?\/\//],
  ['remote static import', /\b(from|import)\s*["'`](https?:)?\/\//],
  ['remote <script>', /<script[^>]*\ssrc\s*=\s*["']?(https?:)?\/\//i],
  ['remote <link>', /<link[^>]*\shref\s*=\s*["']?(https?:)?\/\//i],
  ['document.write', /\bdocument\.write(ln)?\s*\(/],
  ['WebSocket', /\bnew\s+WebSocket\s*\(/],
  ['sendBeacon', /\bsendBeacon\s*\(/],
  ['source map', /sourceMappingURL/],
]

/**
 * Hosts that may appear in the bundle, and why. Only the first two are ever contacted; the rest
 * are names inside strings (an XML namespace, a JWT claim key, a library's error text).
 */
const URL_HOSTS: Record<string, string> = {
  'chatgpt.com': 'the backend (connect-src)',
  'chat.openai.com': 'the old backend host (connect-src)',
  'www.w3.org': "preact's SVG/MathML namespace URIs",
  'api.openai.com': "the access token's claim key (https://api.openai.com/auth), read, never fetched",
  'github.com': "marked's 'please report this' error text",
}

/** One sample per pattern: the scan's own self-test. */
const SAMPLES: Record<string, string> = {
  'eval(': 'x=1;eval(payload)',
  'new Function': 'const f = new Function("return 1")',
  'Function("…")': 'a=Function("return this")()',
  'string timer': 'setTimeout("alert(1)", 0)',
  importScripts: 'importScripts(u)',
  'remote import()': 'await import("https://cdn.example/x.js")',
  'remote static import': 'import x from "https://cdn.example/x.js"',
  'remote <script>': '<script type=module src="https://cdn.example/x.js"></script>',
  'remote <link>': '<link rel="modulepreload" href="//cdn.example/x.js">',
  'document.write': 'document.write(s)',
  WebSocket: 'new WebSocket(u)',
  sendBeacon: 'navigator.sendBeacon(u, d)',
  'source map': '//# sourceMappingURL=x.js.map',
}

describe('dist/: no remote code (G6)', () => {
  it('holds a build to scan, and each pattern catches its sample', () => {
    expect(code.length).toBeGreaterThan(3)
    for (const [name, pattern] of REMOTE_CODE) expect(pattern.test(SAMPLES[name] ?? ''), name).toBe(true)
    // Ordinary code does not trip them.
    for (const [name, pattern] of REMOTE_CODE) expect(pattern.test('obj.evaluate(x); typeof f == "function"; import("./chunk.js")'), name).toBe(false)
  })

  it('has no eval, new Function, string timers, remote imports or script URLs, source maps', () => {
    const hits: string[] = []
    for (const file of code) {
      const text = readDist(file)
      for (const [name, pattern] of REMOTE_CODE) if (pattern.test(text)) hits.push(`${file}: ${name}`)
    }
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([])
    console.log(`[dist] ${code.length} code files, ${REMOTE_CODE.length} remote-code patterns → ${hits.length} hits`)
    expect(hits).toEqual([])
  })

  it("writes HTML strings only in preact's dangerouslySetInnerHTML branch", () => {
    const sinks: string[] = []
    for (const file of code) {
      const text = readDist(file)
      const count = (text.match(/\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML\s*\(|createContextualFragment\s*\(/g) ?? []).length
      if (count > 0 && !(count === 1 && text.includes('dangerouslySetInnerHTML'))) sinks.push(`${file}: ${count}`)
    }
    expect(sinks).toEqual([])
  })

  it('names only explained hosts in URL literals (no telemetry, no CDN)', () => {
    const hosts = new Set<string>()
    for (const file of code) for (const m of readDist(file).matchAll(/\b(?:https?|wss?):\/\/([a-z0-9.-]+)/gi)) hosts.add(m[1]!.toLowerCase())
    const unexplained = [...hosts].filter((h) => !URL_HOSTS[h])
    console.log(`[dist] URL hosts in the bundle: ${[...hosts].sort().join(', ')}`)
    expect(unexplained).toEqual([])
  })
})

describe('src/: no HTML or code-from-string sinks in product code', () => {
  const root = fileURLToPath(new URL('../../src', import.meta.url))
  const sources: string[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) sources.push(path)
    }
  }
  walk(root)

  it('uses no dangerouslySetInnerHTML, innerHTML, insertAdjacentHTML, document.write, eval or new Function', () => {
    const sink = /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|createContextualFragment|document\.write|(^|[^.\w$])eval\s*\(|\bnew\s+Function\s*\(/
    const hits: string[] = []
    for (const path of sources) {
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          // Comments may name a sink to say it is not used.
          if (/^\s*(\*|\/\/|\/\*)/.test(line)) return
          if (sink.test(line)) hits.push(`${path.slice(root.length + 1)}:${i + 1}`)
        })
    }
    console.log(`[dist] source files scanned: ${sources.length}, HTML/code sinks: ${hits.length}`)
    expect(hits).toEqual([])
  })
})
