/**
 * Privacy modes end to end (issue 7): chosen in the options page, each sends the right request and
 * the stand-in's ChatGPT sidebar shows it. Temporary: `history_and_training_disabled` and never
 * listed. Delete after use: a PATCH is_visible:false after the answer, retried on the next worker
 * start when it failed. Keep: nothing extra, listed, and the popup links to it ("Open in ChatGPT").
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { faults } from '../test/chatgpt-stand-in/index'
import { useBrowserSuite } from './harness/browser-suite'
import { OptionsPage, sidebarConversations, stopServiceWorker } from './harness/options-page'
import { PopupPage } from './harness/popup-page'

const SEND = '/backend-api/f/conversation'
const HIDE = /^\/backend-api\/conversation\/[^/]+$/
const suite = useBrowserSuite()
let options: OptionsPage

beforeAll(async () => {
  options = await OptionsPage.open(suite.ext)
})

const patches = (conversationId: string) => suite.standIn.log.filter((e) => e.method === 'PATCH' && e.path === `/backend-api/conversation/${conversationId}`)

async function askInNewThread(mode: string): Promise<{ conversationId: string; body: Record<string, unknown>; linked: boolean }> {
  await options.setPrivacy('popup', mode)
  const popup = await PopupPage.open(suite.ext, `privacy-${mode}-${Date.now()}`)
  await popup.ask(`a question kept as ${mode}`)
  await popup.waitForAnswer(0)
  const [job] = await popup.storedJobs()
  // "Open in ChatGPT" only where the conversation stays there.
  const linked = (await popup.page.getByTestId('open-in-chatgpt').count()) > 0
  await popup.close()
  const send = suite.standIn.log.find((e) => e.method === 'POST' && e.path === SEND)
  return { conversationId: job!.conversationId!, body: send!.body as Record<string, unknown>, linked }
}

describe('privacy modes', () => {
  it('temporary: the send asks for no history, and the sidebar never lists it', async () => {
    const { conversationId, body, linked } = await askInNewThread('temporary')
    expect(body.history_and_training_disabled).toBe(true)
    expect(linked).toBe(false)
    expect(suite.standIn.conversations().find((c) => c.id === conversationId)?.temporary).toBe(true)
    expect(await sidebarConversations(suite.standIn)).not.toContain(conversationId)
    expect(patches(conversationId)).toEqual([])
  })

  it('delete after use: a PATCH is_visible:false right after the answer removes it from the sidebar', async () => {
    const { conversationId, body, linked } = await askInNewThread('delete-after')
    expect(body.history_and_training_disabled).toBe(false)
    expect(linked).toBe(false)
    const patch = await suite.standIn.waitFor((e) => e.method === 'PATCH' && e.path === `/backend-api/conversation/${conversationId}` && e.status === 200)
    expect(patch.body).toEqual({ is_visible: false })
    expect(await sidebarConversations(suite.standIn)).not.toContain(conversationId)
  })

  it('keep: nothing extra is sent and the conversation stays in the sidebar', async () => {
    const { conversationId, body, linked } = await askInNewThread('keep')
    expect(body.history_and_training_disabled).toBe(false)
    expect(linked).toBe(true)
    expect(await sidebarConversations(suite.standIn)).toContain(conversationId)
    expect(patches(conversationId)).toEqual([])
  })

  it('delete after use: a failed PATCH is retried when the worker next starts', async () => {
    suite.standIn.injectFault({ ...faults.serverError({ match: { path: HIDE, method: 'PATCH' } }), times: 1 })
    const { conversationId } = await askInNewThread('delete-after')
    await suite.standIn.waitFor((e) => e.method === 'PATCH' && e.status === 500)
    const pending = () =>
      options.page.evaluate(async () => ((await chrome.storage.local.get('privacy:pending-deletions'))['privacy:pending-deletions'] as { conversationId: string }[] | undefined) ?? [])
    await expect.poll(pending).toEqual([expect.objectContaining({ conversationId })])
    expect(await sidebarConversations(suite.standIn)).toContain(conversationId)

    await stopServiceWorker(suite.ext)
    // Any extension event wakes a fresh worker; opening a page that connects is one.
    const popup = await PopupPage.open(suite.ext, 'wake-up')
    await suite.standIn.waitFor((e) => e.method === 'PATCH' && e.path === `/backend-api/conversation/${conversationId}` && e.status === 200, 10_000)
    await expect.poll(pending).toEqual([])
    expect(await sidebarConversations(suite.standIn)).not.toContain(conversationId)
    await popup.close()
  })
})
