import { describe, expect, it } from 'vitest'
import { matchThread, searchTerms } from './history-search'
import { record } from './test-records'

const thread = record('t', [
  { prompt: 'How do tides work?', text: 'The Moon pulls the oceans; the bulge follows it around the Earth.', at: 1 },
  { prompt: '用中文解释', text: '潮汐是由月球的引力引起的。', at: 2 },
])

describe('matchThread', () => {
  it('finds a word of an answer, case-insensitively, with an excerpt around it', () => {
    const found = matchThread(thread, searchTerms('BULGE'))
    expect(found?.snippet).toContain('bulge follows')
  })

  it('needs every word, anywhere in the thread', () => {
    expect(matchThread(thread, searchTerms('tides moon'))).toBeDefined()
    expect(matchThread(thread, searchTerms('tides sun'))).toBeUndefined()
  })

  it('matches Chinese without spaces', () => {
    expect(matchThread(thread, searchTerms('月球'))?.snippet).toContain('月球的引力')
  })

  it('matches everything for a blank query, without an excerpt', () => {
    expect(matchThread(thread, searchTerms('   '))).toEqual({ snippet: '' })
  })

  it('marks cut text at both ends of a long excerpt', () => {
    const long = record('l', [{ prompt: 'q', text: `${'a '.repeat(100)}needle${' b'.repeat(100)}`, at: 1 }])
    const snippet = matchThread(long, searchTerms('needle'))?.snippet ?? ''
    expect(snippet.startsWith('…')).toBe(true)
    expect(snippet.endsWith('…')).toBe(true)
    expect(snippet).toContain('needle')
  })
})
