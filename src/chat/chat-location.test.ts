import { describe, expect, it } from 'vitest'
import { MAX_QUESTION_LENGTH, pendingAskFrom, resolveChatStart } from './chat-location'

const PATH = '/src/chat/index.html'
const at = (search: string, hash = '') => ({ pathname: PATH, search, hash })
let n = 0
const fresh = () => `chat-page:k${++n}`

describe('resolveChatStart', () => {
  it('asks a ?q= question once and swaps the URL for the thread’s before anything is sent', () => {
    const start = resolveChatStart(at('?q=what+is+2%2B2'), null, () => 'chat-page:abc')
    expect(start).toEqual({
      threadKey: 'chat-page:abc',
      ask: 'what is 2+2',
      replace: { url: `${PATH}#chat-page%3Aabc`, state: { pendingAsk: 'what is 2+2' } },
    })
  })

  it('reopens the thread in the hash and never asks, even with ?q= still in the URL', () => {
    expect(resolveChatStart(at('', '#omnibox%3Ax'), null, fresh)).toEqual({ threadKey: 'omnibox:x' })
    expect(resolveChatStart(at('?q=again', '#omnibox%3Ax'), null, fresh)).toEqual({ threadKey: 'omnibox:x' })
  })

  it('offers (never sends) a question whose send a reload may have cut short', () => {
    expect(resolveChatStart(at('', '#chat-page%3Aabc'), { pendingAsk: 'what is 2+2' }, fresh)).toEqual({ threadKey: 'chat-page:abc', draft: 'what is 2+2' })
  })

  it('starts a fresh thread for a bare page or a blank question, and names it in the URL', () => {
    expect(resolveChatStart(at(''), null, () => 'chat-page:new')).toEqual({ threadKey: 'chat-page:new', replace: { url: `${PATH}#chat-page%3Anew`, state: null } })
    expect(resolveChatStart(at('?q=%20%20'), null, () => 'chat-page:new').ask).toBeUndefined()
    expect(resolveChatStart(at('', '#not a key'), null, () => 'chat-page:new').threadKey).toBe('chat-page:new')
  })

  it('bounds the question', () => {
    const long = 'x'.repeat(MAX_QUESTION_LENGTH + 10)
    expect(resolveChatStart(at(`?q=${long}`), null, fresh).ask).toHaveLength(MAX_QUESTION_LENGTH)
  })
})

describe('pendingAskFrom', () => {
  it('reads only a non-blank string', () => {
    expect(pendingAskFrom({ pendingAsk: 'q' })).toBe('q')
    for (const state of [null, undefined, 'q', { pendingAsk: 1 }, { pendingAsk: ' ' }, {}]) expect(pendingAskFrom(state)).toBeUndefined()
  })
})
