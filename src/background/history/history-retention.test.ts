import { describe, expect, it } from 'vitest'
import type { HistoryEntry } from '../../shared/messaging/protocol'
import { threadsToPrune } from './history-retention'

const DAY = 24 * 60 * 60 * 1000
const NOW = 1_000 * DAY
const entry = (threadKey: string, daysAgo: number): HistoryEntry => ({
  threadKey,
  title: threadKey,
  surface: 'popup',
  privacy: 'keep',
  turns: 1,
  createdAt: NOW - daysAgo * DAY,
  updatedAt: NOW - daysAgo * DAY,
})

describe('threadsToPrune', () => {
  it('keeps the newest maxThreads', () => {
    const entries = ['a', 'b', 'c', 'd'].map((key, i) => ({ entry: entry(key, i), busy: false }))
    expect(threadsToPrune(entries, { maxThreads: 2, maxAgeDays: 365 }, NOW)).toEqual(['c', 'd'])
  })

  it('drops threads unused for longer than maxAgeDays', () => {
    const entries = [entry('fresh', 1), entry('old', 31)].map((e) => ({ entry: e, busy: false }))
    expect(threadsToPrune(entries, { maxThreads: 100, maxAgeDays: 30 }, NOW)).toEqual(['old'])
  })

  it('never drops a thread whose answer is still streaming', () => {
    const entries = [{ entry: entry('new', 0), busy: false }, { entry: entry('busy-old', 400), busy: true }]
    expect(threadsToPrune(entries, { maxThreads: 1, maxAgeDays: 30 }, NOW)).toEqual([])
  })
})
