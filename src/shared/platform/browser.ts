// The only import of webextension-polyfill in the product (lint enforces it): one place to swap
// for a fake in tests, and one place to drop when Chrome's own `browser` namespace is enough.
import browser from 'webextension-polyfill'

export default browser
export type { Runtime, Storage, Tabs, Menus } from 'webextension-polyfill'
