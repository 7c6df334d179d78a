import { describe, expect, it } from 'vitest'
import { createDeviceIdSource, type DeviceIdStore } from './device-id'

function memoryStore(initial?: string): DeviceIdStore & { value: string | undefined } {
  const store = { value: initial, get: async () => store.value, set: async (id: string) => void (store.value = id) }
  return store
}

function counterIds() {
  let n = 0
  return () => `id-${(n += 1)}`
}

describe('createDeviceIdSource', () => {
  it('uses the oai-did cookie when the platform can read it', async () => {
    const store = memoryStore('stored-id')
    const source = createDeviceIdSource({ readCookie: async () => 'cookie-id', store, newId: counterIds() })
    expect(await source.getDeviceId()).toBe('cookie-id')
    expect(store.value).toBe('cookie-id') // remembered for when the cookie is unreadable
  })

  it('falls back to the stored id, then to one new id kept stable', async () => {
    expect(await createDeviceIdSource({ store: memoryStore('stored-id'), newId: counterIds() }).getDeviceId()).toBe('stored-id')

    const store = memoryStore()
    const newId = counterIds()
    const source = createDeviceIdSource({ readCookie: async () => undefined, store, newId })
    const ids = await Promise.all([source.getDeviceId(), source.getDeviceId(), source.getDeviceId()])
    expect(ids).toEqual(['id-1', 'id-1', 'id-1'])
    expect(await source.getDeviceId()).toBe('id-1')
    // A restarted worker reads the same id back.
    expect(await createDeviceIdSource({ store, newId }).getDeviceId()).toBe('id-1')
  })

  it('survives a cookie reader that throws', async () => {
    const source = createDeviceIdSource({
      readCookie: async () => {
        throw new Error('no cookies permission')
      },
      store: memoryStore('stored-id'),
      newId: counterIds(),
    })
    expect(await source.getDeviceId()).toBe('stored-id')
  })
})
