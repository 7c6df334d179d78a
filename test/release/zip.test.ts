import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { crc32, createZip } from '../../scripts/release/zip'
import { readZip } from './read-zip'

const text = (s: string) => new TextEncoder().encode(s)

function hasUnzip(): boolean {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

describe('createZip', () => {
  const entries = [
    { path: 'src/popup/index.html', data: text('<!doctype html>'.repeat(20)) },
    { path: 'manifest.json', data: text('{"manifest_version":3}') },
    { path: 'icons/icon-16.png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) },
    { path: '_locales/zh_CN/messages.json', data: text('{"extName":{"message":"随处提问"}}') },
    { path: 'empty.txt', data: new Uint8Array() },
  ]

  it('round-trips every file, sorted by byte order', () => {
    const read = readZip(createZip(entries))
    expect(read.map((entry) => entry.path)).toEqual(['_locales/zh_CN/messages.json', 'empty.txt', 'icons/icon-16.png', 'manifest.json', 'src/popup/index.html'])
    for (const entry of entries) {
      expect(read.find((r) => r.path === entry.path)?.data).toEqual(Buffer.from(entry.data))
    }
  })

  it('gives the same bytes whatever the input order', () => {
    expect(createZip([...entries].reverse()).equals(createZip(entries))).toBe(true)
  })

  it('stamps every entry with the fixed date and regular-file 0644 permissions', () => {
    for (const entry of readZip(createZip(entries))) {
      expect([entry.dosTime, entry.dosDate]).toEqual([0, 0x21])
      expect(entry.externalAttrs >>> 16).toBe(0o100644)
      expect(entry.madeBy >> 8).toBe(3)
    }
  })

  it('deflates text and stores what deflate cannot shrink', () => {
    const byPath = new Map(readZip(createZip(entries)).map((entry) => [entry.path, entry.method]))
    expect(byPath.get('src/popup/index.html')).toBe(8)
    expect(byPath.get('icons/icon-16.png')).toBe(0)
  })

  it('refuses unclean or duplicate paths', () => {
    for (const path of ['/abs', '../up', 'a//b', 'a\\b', '', 'a/./b']) {
      expect(() => createZip([{ path, data: text('x') }])).toThrow(/clean relative path/)
    }
    expect(() => createZip([{ path: 'a', data: text('1') }, { path: 'a', data: text('2') }])).toThrow(/duplicate/)
  })

  it('computes the standard CRC-32', () => {
    expect(crc32(text('123456789'))).toBe(0xcbf43926)
    expect(crc32(new Uint8Array())).toBe(0)
  })

  it.skipIf(!hasUnzip())('is accepted by Info-ZIP unzip', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-test-'))
    try {
      writeFileSync(join(dir, 'a.zip'), createZip(entries))
      const out = execFileSync('unzip', ['-t', join(dir, 'a.zip')], { encoding: 'utf8' })
      expect(out).toMatch(/No errors detected/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
