/**
 * F17: offline / connection refused. chatgpt.com resolves to a local TCP relay in front of the
 * stand-in; taking the relay down makes every connection refused, as when offline. The question
 * fails at once with a clear notice and a Retry; nothing retries in the background (coming back
 * online sends nothing by itself); Retry is one send.
 */
import { createServer, connect, type Server, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStandIn, type StandIn } from '../../test/chatgpt-stand-in/index'
import { launchExtension, type LaunchedExtension } from '../harness/launch'
import { PopupPage } from '../harness/popup-page'
import { createExactlyOnceLedger, sendsOf, sleep } from './support/kit'

/** A TCP relay that can be switched off (connections refused) and on again on the same port. */
async function switchableRelay(target: number) {
  let server: Server | undefined
  const sockets = new Set<Socket>()
  let port = 0
  const on = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((inbound) => {
        const outbound = connect(target, '127.0.0.1')
        for (const s of [inbound, outbound]) {
          sockets.add(s)
          s.on('close', () => sockets.delete(s))
          s.on('error', () => s.destroy())
        }
        inbound.pipe(outbound).pipe(inbound)
      })
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port
        resolve()
      })
    })
  const off = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy()
      if (!server) return resolve()
      server.close(() => resolve())
      server = undefined
    })
  await on()
  return { port: () => port, on, off }
}

let standIn: StandIn
let relay: Awaited<ReturnType<typeof switchableRelay>>
let ext: LaunchedExtension
const ledger = createExactlyOnceLedger()

beforeAll(async () => {
  standIn = await startStandIn({ era: '2026' })
  relay = await switchableRelay(standIn.port)
  // The browser's chatgpt.com is the relay; everything else about the stand-in is unchanged.
  const viaRelay = Object.assign(Object.create(Object.getPrototypeOf(standIn) as object) as StandIn, standIn, { port: relay.port() })
  ext = await launchExtension({ standIn: viaRelay, loggedIn: true })
})
afterAll(async () => {
  ledger.collect(standIn)
  expect(ledger.report('offline').duplicates).toBe(0)
  await ext?.close()
  await relay?.off()
  await standIn?.close()
})

describe('offline', () => {
  it('fails at once with Retry, does not loop, and Retry sends once when back online', async () => {
    const popup = await PopupPage.open(ext, 'offline')
    await popup.page.waitForTimeout(300)
    await relay.off()
    const before = standIn.log.length
    const asked = Date.now()
    await popup.ask('are you there?')
    const notice = popup.page.locator('.job [data-testid=error-notice][data-code=network]')
    await notice.waitFor({ timeout: 10_000 })
    const shownAfterMs = Date.now() - asked
    expect(await notice.getByTestId('error-action').innerText()).toMatch(/retry/i)

    // Back online: nothing goes out by itself.
    await relay.on()
    await sleep(3_000)
    const unprompted = standIn.log.slice(before).filter((e) => e.method === 'POST')
    await notice.getByTestId('error-action').click()
    await popup.waitForAnswer(0, 'complete', 20_000)
    console.log(`[offline] notice after ${shownAfterMs} ms; requests while offline or after, before Retry: ${unprompted.length}; sends after Retry=${sendsOf(standIn).length}`)
    expect(shownAfterMs).toBeLessThan(5_000)
    expect(unprompted).toEqual([])
    expect(sendsOf(standIn)).toHaveLength(1)
    expect((await popup.storedJobs()).map((j) => j.status)).toEqual(['complete'])
    await popup.close()
  })
})
