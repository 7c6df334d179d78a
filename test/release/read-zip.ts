/**
 * Reads a zip back for the tests, independently of the writer: finds the end record, walks the
 * central directory, checks each local header agrees, inflates and checks the CRC.
 */
import { inflateRawSync } from 'node:zlib'
import { crc32 } from '../../scripts/release/zip'

export interface ReadEntry {
  path: string
  data: Buffer
  method: number
  dosTime: number
  dosDate: number
  externalAttrs: number
  madeBy: number
}

export function readZip(zip: Buffer): ReadEntry[] {
  const endAt = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (endAt < 0) throw new Error('no end of central directory record')
  const count = zip.readUInt16LE(endAt + 10)
  let at = zip.readUInt32LE(endAt + 16)
  const entries: ReadEntry[] = []
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central header ${i}`)
    const method = zip.readUInt16LE(at + 10)
    const crc = zip.readUInt32LE(at + 16)
    const compressed = zip.readUInt32LE(at + 20)
    const size = zip.readUInt32LE(at + 24)
    const nameLength = zip.readUInt16LE(at + 28)
    const extraLength = zip.readUInt16LE(at + 30)
    const commentLength = zip.readUInt16LE(at + 32)
    const localAt = zip.readUInt32LE(at + 42)
    const path = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8')
    if (zip.readUInt32LE(localAt) !== 0x04034b50) throw new Error(`bad local header for ${path}`)
    const localName = zip.subarray(localAt + 30, localAt + 30 + zip.readUInt16LE(localAt + 26)).toString('utf8')
    if (localName !== path) throw new Error(`local name ${localName} != central name ${path}`)
    const bodyAt = localAt + 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28)
    const body = zip.subarray(bodyAt, bodyAt + compressed)
    const data = method === 8 ? inflateRawSync(body) : method === 0 ? Buffer.from(body) : undefined
    if (!data) throw new Error(`unknown method ${method} for ${path}`)
    if (data.length !== size || crc32(data) !== crc) throw new Error(`size or CRC mismatch for ${path}`)
    entries.push({
      path,
      data,
      method,
      dosTime: zip.readUInt16LE(at + 12),
      dosDate: zip.readUInt16LE(at + 14),
      externalAttrs: zip.readUInt32LE(at + 38),
      madeBy: zip.readUInt16LE(at + 4),
    })
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}
