// F8 / G10: every fixture split at every byte offset (N−1 single splits) through the production
// byte → event core, in LF, CRLF and CR-only framing. Mid-UTF-8 splits are everywhere in the CJK
// fixtures; the CRLF and CR-only variants add splits between CR and LF and after a lone CR. The
// reducer is pure, so equal events mean equal text: each fixture's events are also reduced once
// and checked against its .expected.txt (the full pipeline runs in decode-answer-stream.test.ts).
import { describe, expect, it } from 'vitest'
import { eventsOf, reduceEvents, sweepSingleSplits, sweepSplitsByFrame } from './testing/split-sweep'
import { loadStreamFixtures } from './testing/stream-fixtures'
import { frameEnds, withLineEndings } from './testing/stream-variants'

const fixtures = loadStreamFixtures()
const clean = (runs: number) => ({ runs, mismatches: [], replacementChars: [] })

const SMALLEST = 'ml-demo-2024-10-16-delta-v1-gpt-4o' // dense CJK: a split inside a character at most offsets

describe('every single split point', () => {
  for (const fixture of fixtures) {
    it(`${fixture.name}: the events, reduced, give the expected text and outcome`, () => {
      const reference = eventsOf([fixture.bytes])
      const outcome = reduceEvents(reference)
      expect(outcome.last.textSoFar).toBe(fixture.expectedText)
      expect(outcome.kind).toBe(fixture.expectedOutcome)
      expect(reference.some((event) => event.data.includes('\ufffd'))).toBe(false)
    })

    // CR/LF handling does not depend on content, so the CRLF and CR-only sweeps use one fixture.
    const endings = fixture.name === SMALLEST ? (['\n', '\r\n', '\r'] as const) : (['\n'] as const)
    for (const ending of endings) {
      it(`${fixture.name} (${JSON.stringify(ending)} framing): all ${fixture.bytes.length - 1}+ splits give the same events`, () => {
        const bytes = ending === '\n' ? fixture.bytes : withLineEndings(fixture.bytes, ending)
        const { frameEvents, ...result } = sweepSplitsByFrame(bytes, frameEnds(bytes, ending))
        expect(frameEvents.flat()).toEqual(eventsOf([fixture.bytes]))
        expect(result).toEqual(clean(bytes.length - 1))
      })
    }
  }

  // Cross-checks the windowed sweep: whole-body replays at every offset of the smallest fixture.
  it(`${SMALLEST}: every split of the whole body gives the same events`, () => {
    const fixture = fixtures.find((candidate) => candidate.name === SMALLEST)
    if (!fixture) throw new Error('missing fixture')
    expect(sweepSingleSplits(fixture.bytes, eventsOf([fixture.bytes]))).toEqual(clean(fixture.bytes.length - 1))
  })
})
