/**
 * The Firefox manifest, derived from the one hand-kept manifest.json at build time (used by
 * vite.firefox.config.ts), so the two builds can never drift apart on permissions, pages or CSP.
 * Only what Firefox needs differently changes here:
 * - `background.scripts` instead of `background.service_worker`: Firefox runs MV3 backgrounds as
 *   event pages, not service workers (web-ext lint: BACKGROUND_SERVICE_WORKER_NOFALLBACK);
 * - `browser_specific_settings.gecko`: the add-on id an MV3 add-on must have (ADDON_ID_REQUIRED),
 *   the oldest Firefox we test against, and the data-collection declaration AMO requires of new
 *   add-ons since November 2025;
 * - `minimum_chrome_version` is dropped (Chrome-only; Firefox would ignore it).
 * crxjs's `browser: 'firefox'` mode also drops `use_dynamic_url` from web_accessible_resources:
 * Firefox already serves them under a per-install random moz-extension:// host.
 */

/**
 * The AMO add-on id. It identifies the add-on to Firefox and to AMO forever: storage, permissions
 * and updates hang off it, so it must never change once published.
 */
export const GECKO_ID = 'ask-anywhere@ask-anywhere.extension'

/**
 * 142: the first desktop release where every key below is understood without a warning
 * (data_collection_permissions came in 140, and Firefox for Android in 142 — web-ext lint warns
 * below that). The smoke test runs Debian's firefox-esr, which is newer.
 */
export const GECKO_MIN_VERSION = '142.0'

/**
 * Firefox's built-in data-consent declaration. 'none': the extension itself collects nothing —
 * no telemetry, no server of ours; what the user asks goes to their own ChatGPT account at the
 * user's direction. (Whether AMO counts that as transmitting "websiteContent" is a product
 * decision; it is this one constant.)
 */
export const DATA_COLLECTION: { required: string[] } = { required: ['none'] }

interface ChromeBackground {
  service_worker: string
  /** 'module' in ours; JSON imports widen it to string. */
  type?: string
}

/** The fields the derivation reads; every other key is carried over unchanged. */
export interface ChromeManifest {
  background: ChromeBackground
  minimum_chrome_version?: string
  browser_specific_settings?: unknown
  [key: string]: unknown
}

export interface FirefoxManifest {
  background: { scripts: string[]; type?: string }
  browser_specific_settings: {
    gecko: { id: string; strict_min_version: string; data_collection_permissions: { required: string[] } }
  }
  [key: string]: unknown
}

export function firefoxManifest(chrome: ChromeManifest): FirefoxManifest {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropped on purpose (see above)
  const { background, minimum_chrome_version, browser_specific_settings, ...shared } = chrome
  return {
    ...structuredClone(shared),
    background: { scripts: [background.service_worker], ...(background.type ? { type: background.type } : {}) },
    browser_specific_settings: {
      gecko: { id: GECKO_ID, strict_min_version: GECKO_MIN_VERSION, data_collection_permissions: structuredClone(DATA_COLLECTION) },
    },
  }
}
