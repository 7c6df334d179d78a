import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { budgetFailures, formatReport, measureEntries, type ChunkFacts, type OutputFacts } from '../../scripts/check-bundle-size'

const ROOT = '/repo'

function chunk(fileName: string, code: string, extra: Partial<ChunkFacts> = {}): ChunkFacts {
  return { type: 'chunk', fileName, code, isEntry: false, facadeModuleId: null, imports: [], dynamicImports: [], ...extra }
}

const entry = (fileName: string, source: string, code: string, extra: Partial<ChunkFacts> = {}) =>
  chunk(fileName, code, { isEntry: true, facadeModuleId: `${ROOT}/${source}`, ...extra })

/** Text that gzip cannot shrink much, so sizes can be steered past a budget. */
function noise(bytes: number, seed: number): string {
  let x = seed
  let out = ''
  while (out.length < bytes) {
    x = (x * 1103515245 + 12345) % 2147483648
    out += x.toString(36)
  }
  return out.slice(0, bytes)
}

describe('check-bundle-size', () => {
  it('counts an entry and its static imports, transitively, and lists lazy chunks apart', () => {
    const chunks = [
      entry('popup.js', 'src/popup/index.html', 'a'.repeat(100), { imports: ['shared.js'], dynamicImports: ['lazy.js'] }),
      chunk('shared.js', 'b'.repeat(50), { imports: ['runtime.js'] }),
      chunk('runtime.js', 'c'.repeat(10)),
      chunk('lazy.js', 'd'.repeat(500), { imports: ['shared.js'] }),
      entry('worker.js', 'src/background/index.ts', 'e'.repeat(70), { imports: ['runtime.js'] }),
    ]
    const report = measureEntries(chunks, ROOT)
    const popup = report.entries.find((e) => e.name === 'popup')!
    expect(popup.files).toEqual(['popup.js', 'shared.js', 'runtime.js'])
    expect(popup.initial.raw).toBe(160)
    expect(popup.initial.gzip).toBe(['a'.repeat(100), 'b'.repeat(50), 'c'.repeat(10)].reduce((n, code) => n + gzipSync(code).length, 0))
    expect(popup.lazy.files).toEqual(['lazy.js'])
    expect(report.entries.find((e) => e.name === 'service worker')!.files).toEqual(['worker.js', 'runtime.js'])
    expect(report.missing).toEqual(['content script'])
    expect(formatReport(report)).toContain('content script: no such entry in this build')
  })

  it('fails over a budget; a goal with a ceiling fails only over the ceiling and is reported over the goal', () => {
    const under = [entry('popup.js', 'src/popup/index.html', noise(80_000, 1)), entry('worker.js', 'src/background/index.ts', noise(50_000, 2))]
    const report = measureEntries(under, ROOT)
    expect(report.entries.find((e) => e.name === 'service worker')!.initial.gzip).toBeGreaterThan(30 * 1024)
    expect(budgetFailures(report).map((line) => line.split(':')[0])).toEqual(['popup', 'service worker'])
    expect(budgetFailures(report, true).map((line) => line.split(':')[0])).toEqual(['popup'])
    expect(formatReport(report)).toMatch(/service worker .*OVER 30\.0 KB, fails over 37\.0 KB/)

    const over = measureEntries([entry('worker.js', 'src/background/index.ts', noise(70_000, 2))], ROOT)
    expect(budgetFailures(over, true)).toEqual([expect.stringMatching(/^service worker: initial JS .* over its 37\.0 KB ceiling \(goal 30\.0 KB\)/)])
  })

  it('measures a script the worker injects from a file, by its source, and other pages without a budget', () => {
    const overlay = 'var askAnywhereMountOverlay=(function(e){/* … */})({});'
    const outputs: OutputFacts[] = [
      entry('worker.js', 'src/background/index.ts', 'worker code'),
      entry('chat.js', 'src/chat/index.html', 'chat page'),
      { type: 'asset', fileName: 'injected/mount-overlay.js', source: overlay, originalFileNames: ['src/content/mount-overlay.ts'] },
      { type: 'asset', fileName: 'icons/icon-16.png', source: new Uint8Array(600), originalFileNames: ['public/icons/icon-16.png'] },
    ]
    const report = measureEntries(outputs, ROOT)
    const content = report.entries.filter((e) => e.name.startsWith('content script'))
    expect(content.map((e) => [e.name, e.files])).toEqual([['content script (mount-overlay.ts, injected)', ['injected/mount-overlay.js']]])
    expect(content[0]!.initial).toEqual({ raw: Buffer.byteLength(overlay), gzip: gzipSync(overlay).length })
    expect(report.missing).toEqual(['popup'])
    expect(report.entries.find((e) => e.name === 'src/chat/index.html')?.gzipLimit).toBeUndefined()
    expect(budgetFailures(report)).toEqual([])
  })

  it('fails a build whose injected script is over the content-script budget', () => {
    const outputs: OutputFacts[] = [{ type: 'asset', fileName: 'injected/relay.js', source: noise(8_000, 3), originalFileNames: ['src/content/relay-in-page.ts'] }]
    expect(budgetFailures(measureEntries(outputs, ROOT), true)).toEqual([
      expect.stringMatching(/^content script \(relay-in-page\.ts, injected\): initial JS .* over its 3\.0 KB budget \(injected\/relay\.js\)$/),
    ])
  })
})
