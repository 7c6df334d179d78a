import { describe, expect, it } from 'vitest'
import { createThread } from '../../core/conversations/thread'
import type { JobSnapshot, Surface } from '../../shared/messaging/protocol'
import type { ThreadRecord } from '../thread-repository'
import { recentQuestions } from './recent-questions'

function record(threadKey: string, surface: Surface, prompts: [string, number][], temporary = false): ThreadRecord {
  const jobs: JobSnapshot[] = prompts.map(([prompt, at], i) => ({
    jobId: `${threadKey}-${i}`,
    threadKey,
    action: 'next',
    prompt,
    status: 'complete',
    text: 'answer',
    createdAt: at,
    updatedAt: at,
  }))
  return { state: createThread(threadKey, temporary), surface, jobs, plans: {} }
}

describe('recentQuestions', () => {
  it('lists questions newest first across threads, one line each, without repeats', () => {
    const records = [
      record('omnibox:a', 'omnibox', [['what is 2+2', 10], ['and 3+3?', 30]]),
      record('popup', 'popup', [['Explain\nclosures', 20], ['what is 2+2', 40]]),
      record('chat-page:b', 'chat-page', [['hello', 5]]),
    ]
    expect(recentQuestions(records)).toEqual(['what is 2+2', 'and 3+3?', 'Explain closures', 'hello'])
  })

  it('leaves out temporary chats, selection prompts, continues, blanks and pasted essays', () => {
    const continued = record('popup', 'popup', [['kept', 1], ['', 2]])
    continued.jobs[1]!.action = 'continue'
    const records = [
      continued,
      record('omnibox:t', 'omnibox', [['secret', 3]], true),
      record('selection:1', 'selection', [['Explain the following text…', 5]]),
      record('chat-page:long', 'chat-page', [['x'.repeat(501), 6]]),
    ]
    expect(recentQuestions(records)).toEqual(['kept'])
  })

  it('stops at the limit', () => {
    const many = record('popup', 'popup', Array.from({ length: 10 }, (_, i): [string, number] => [`q${i}`, i]))
    expect(recentQuestions([many], 3)).toEqual(['q9', 'q8', 'q7'])
  })
})
