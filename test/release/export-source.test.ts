import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { NOT_SOURCE, worktreeFiles } from '../../scripts/release/export-source'

describe('source selection without git', () => {
  it('skips every folder .gitignore names, so an unpacked archive packages like a checkout', () => {
    const ignored = readFileSync(new URL('../../.gitignore', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /^[^#*!]+\/$/.test(line))
      .map((line) => line.slice(0, -1))
    expect(ignored.length).toBeGreaterThan(0)
    for (const folder of ignored) expect({ folder, skipped: NOT_SOURCE.has(folder) }).toEqual({ folder, skipped: true })
  })

  it('lists regular files below the root, sorted, with forward slashes, skipping build outputs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'worktree-files-'))
    try {
      for (const path of ['src/b.ts', 'src/a.ts', 'package.json', 'dist/manifest.json', 'node_modules/x/index.js', 'dist-firefox/manifest.json']) {
        mkdirSync(join(dir, path, '..'), { recursive: true })
        writeFileSync(join(dir, path), path)
      }
      expect(worktreeFiles(dir)).toEqual(['package.json', 'src/a.ts', 'src/b.ts'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
