// Test-only: loads the recorded ChatGPT streams in test/fixtures/chatgpt-streams (see its README).
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { AnswerOutcome } from '../../answer-update'

/** One recorded response body and what it must decode to. */
export interface StreamFixture {
  name: string
  /** The raw body, as the network delivered it. */
  bytes: Uint8Array
  /** The original network reads, when the capture kept them (the k1liang `.json` files). */
  networkChunks?: Uint8Array[]
  expectedText: string
  expectedOutcome: AnswerOutcome['kind']
}

const FIXTURE_DIR = fileURLToPath(new URL('../../../../../test/fixtures/chatgpt-streams/', import.meta.url))

// From the README's "answer complete?" column. A new fixture without an entry fails the suite.
const EXPECTED_OUTCOMES: Record<string, AnswerOutcome['kind']> = {
  'k1liang-s1': 'complete',
  'k1liang-s3': 'complete',
  'k1liang-s7': 'complete',
  'ml-demo-2024-10-16-delta-v1-gpt-4o': 'complete',
  'ml-demo-2024-10-16-delta-v1-gpt-4o-canmore-file-tools': 'complete',
  'ml-demo-2024-10-15-legacy-gpt-4o-mini.extracted': 'interrupted',
}

interface ChunkedCapture {
  total_bytes: number
  chunks: Array<{ b64: string; byte_len: number }>
}

/** Every fixture in the folder, sorted by name. */
export function loadStreamFixtures(): StreamFixture[] {
  const files = readdirSync(FIXTURE_DIR)
  return files
    .filter((file) => file.endsWith('.expected.txt'))
    .map((file) => file.slice(0, -'.expected.txt'.length))
    .sort()
    .map((name) => {
      const expectedOutcome = EXPECTED_OUTCOMES[name]
      if (!expectedOutcome) throw new Error(`No expected outcome recorded for fixture ${name}`)
      const expectedText = readFileSync(`${FIXTURE_DIR}${name}.expected.txt`, 'utf8')
      if (files.includes(`${name}.json`)) {
        const capture = JSON.parse(readFileSync(`${FIXTURE_DIR}${name}.json`, 'utf8')) as ChunkedCapture
        const networkChunks = capture.chunks.map((chunk) => new Uint8Array(Buffer.from(chunk.b64, 'base64')))
        return { name, bytes: concatBytes(networkChunks), networkChunks, expectedText, expectedOutcome }
      }
      return { name, bytes: new Uint8Array(readFileSync(`${FIXTURE_DIR}${name}.sse`)), expectedText, expectedOutcome }
    })
}

/** Concatenates byte arrays into one new array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}
