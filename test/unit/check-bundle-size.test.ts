import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { budgetFailures, formatReport, measureEntries, type ChunkFacts } from '../../scripts/check-bundle-size'

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

  it('fails an enforced budget, and only reports one that is not enforced', () => {
    const chunks = [
      entry('popup.js', 'src/popup/index.html', noise(80_000, 1)),
      entry('worker.js', 'src/background/index.ts', noise(60_000, 2)),
    ]
    const report = measureEntries(chunks, ROOT)
    expect(budgetFailures(report).map((line) => line.split(':')[0])).toEqual(['popup', 'service worker'])
    expect(budgetFailures(report, true).map((line) => line.split(':')[0])).toEqual(['popup'])
    expect(formatReport(report)).toMatch(/service worker .*OVER \(not enforced\)/)
  })

  it('measures a content script that the worker injects as a function, and other pages without a budget', () => {
    const overlay = 'function mountOverlay(url) { /* … */ }'
    const chunks = [
      entry('worker.js', 'src/background/index.ts', 'worker code', {
        modules: { [`${ROOT}/src/background/index.ts`]: { code: 'worker code' }, [`${ROOT}/src/content/mount-overlay.ts`]: { code: overlay } },
      }),
      entry('chat.js', 'src/chat/index.html', 'chat page'),
    ]
    const report = measureEntries(chunks, ROOT)
    const content = report.entries.find((e) => e.source === 'src/content/mount-overlay.ts')!
    expect(content.name).toBe('content script (mount-overlay.ts, injected)')
    expect(content.initial.raw).toBe(Buffer.byteLength(overlay))
    expect(report.missing).toEqual(['popup'])
    expect(report.entries.find((e) => e.name === 'src/chat/index.html')?.gzipLimit).toBeUndefined()
    expect(budgetFailures(report)).toEqual([])
  })
})
