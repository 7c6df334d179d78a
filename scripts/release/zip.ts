/**
 * A deterministic zip writer: the same files give the same bytes on any machine, any day, as
 * reproducible store packages need (G18). Entries are sorted by path (byte order), every entry
 * gets the same timestamp and the same permissions (regular file, 0644), and nothing from the
 * file system (owner, mtime, umask, directory order) reaches the archive. No directory entries:
 * neither store needs them. Deflate comes from Node's bundled zlib at level 9.
 */
import { deflateRawSync } from 'node:zlib'

export interface ZipEntry {
  /** Forward-slash path inside the archive, no leading slash. */
  path: string
  data: Uint8Array
}

/** 1980-01-01 00:00:00, the earliest MS-DOS date: a fixed stamp that says "no date". */
const DOS_TIME = 0
const DOS_DATE = (0 << 9) | (1 << 5) | 1
/** Unix "version made by" (3) + spec 3.0, so unzip honours the external attributes below. */
const MADE_BY = (3 << 8) | 30
const NEEDED = 20
/** Bit 11: names are UTF-8. */
const FLAGS = 0x0800
/** S_IFREG | 0644 in the high 16 bits. */
const EXTERNAL_ATTRS = (0o100644 << 16) >>> 0
const STORED = 0
const DEFLATED = 8

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

function checkPath(path: string): void {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    throw new Error(`zip: not a clean relative path: ${JSON.stringify(path)}`)
  }
}

/** Byte-order comparison of the UTF-8 names, independent of locale. */
function compareNames(a: Buffer, b: Buffer): number {
  return Buffer.compare(a, b)
}

export function createZip(entries: readonly ZipEntry[]): Buffer {
  const named = entries.map((entry) => {
    checkPath(entry.path)
    return { name: Buffer.from(entry.path, 'utf8'), data: entry.data }
  })
  named.sort((a, b) => compareNames(a.name, b.name))
  for (let i = 1; i < named.length; i++) {
    if (compareNames(named[i - 1]!.name, named[i]!.name) === 0) throw new Error(`zip: duplicate entry ${named[i]!.name.toString()}`)
  }
  if (named.length > 0xffff) throw new Error('zip: more entries than a zip without zip64 can hold')

  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const { name, data } of named) {
    const deflated = deflateRawSync(data, { level: 9 })
    // Store what deflate would not shrink (PNGs), as zip tools do.
    const method = deflated.length < data.length ? DEFLATED : STORED
    const body = method === DEFLATED ? deflated : Buffer.from(data)
    const crc = crc32(data)
    if (body.length > 0xffffffff - 1 || offset > 0xffffffff - 1) throw new Error('zip: archive too large without zip64')

    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(NEEDED, 4)
    local.writeUInt16LE(FLAGS, 6)
    local.writeUInt16LE(method, 8)
    local.writeUInt16LE(DOS_TIME, 10)
    local.writeUInt16LE(DOS_DATE, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28)
    locals.push(local, name, body)

    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(MADE_BY, 4)
    central.writeUInt16LE(NEEDED, 6)
    central.writeUInt16LE(FLAGS, 8)
    central.writeUInt16LE(method, 10)
    central.writeUInt16LE(DOS_TIME, 12)
    central.writeUInt16LE(DOS_DATE, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(body.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(name.length, 28)
    // extra length, comment length, disk number, internal attributes: all 0
    central.writeUInt32LE(EXTERNAL_ATTRS, 38)
    central.writeUInt32LE(offset, 42)
    centrals.push(central, name)

    offset += local.length + name.length + body.length
  }

  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(named.length, 8)
  end.writeUInt16LE(named.length, 10)
  end.writeUInt32LE(centralSize, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, ...centrals, end])
}
