/**
 * The device id sent as `Oai-Device-Id`. chatgpt.com expects it to equal the browser's `oai-did`
 * cookie (protocol.md §2.2), so the cookie wins whenever the platform can read it; otherwise a
 * stable id of our own is kept in storage so every request from this profile agrees.
 */
export interface DeviceIdStore {
  get(): Promise<string | undefined>
  set(id: string): Promise<void>
}

export interface DeviceIdDeps {
  /** The `oai-did` cookie value, if the platform can read cookies (it may not have permission). */
  readCookie?: () => Promise<string | undefined>
  store: DeviceIdStore
  /** A new random id (a UUID, like the cookie). */
  newId: () => string
}

/** Creates the device-id source: `getDeviceId()` never changes its answer unless the cookie does. */
export function createDeviceIdSource(deps: DeviceIdDeps) {
  let known: string | undefined
  let pending: Promise<string> | undefined

  async function fromStoreOrNew(): Promise<string> {
    const stored = await deps.store.get().catch(() => undefined)
    if (stored) return stored
    const id = deps.newId()
    await deps.store.set(id).catch(() => undefined)
    return id
  }

  async function resolve(): Promise<string> {
    const cookie = await deps.readCookie?.().catch(() => undefined)
    if (cookie) {
      // Remember it, so the id stays the same if the cookie later becomes unreadable.
      if (cookie !== known) await deps.store.set(cookie).catch(() => undefined)
      known = cookie
      return cookie
    }
    known ??= await fromStoreOrNew()
    return known
  }

  /** The id to send; concurrent first calls share one lookup, so only one id is ever minted. */
  function getDeviceId(): Promise<string> {
    pending ??= resolve().finally(() => {
      pending = undefined
    })
    return pending
  }

  return { getDeviceId }
}

export type DeviceIdSource = ReturnType<typeof createDeviceIdSource>
