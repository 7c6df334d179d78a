/**
 * Puts the answer overlay into the tab the user right-clicked. `activeTab` (granted by that click)
 * lets `scripting` inject into the tab's top frame; no content script runs anywhere else. The
 * injected function gets the iframe's address and two labels, nothing more.
 */
import browser from '../../shared/platform/browser'
import { INJECTED_SCRIPTS } from '../../content/injected-scripts'
import type { OverlayLabels } from '../../content/mount-overlay'
import { callInjected } from '../call-injected'
import { OVERLAY_PAGE } from '../../overlay/pages'

/** The overlay page for a thread; `getURL` gives the per-session dynamic address (use_dynamic_url). */
export function overlayFrameUrl(threadKey: string): string {
  return `${browser.runtime.getURL(OVERLAY_PAGE)}#${threadKey}`
}

/** True when the overlay is (or already was) mounted; false where the browser forbids injection. */
export async function showOverlay(tabId: number, threadKey: string): Promise<boolean> {
  const labels: OverlayLabels = {
    close: browser.i18n.getMessage('overlayClose') || 'Close',
    title: browser.i18n.getMessage('overlayTitle') || 'Ask Anywhere',
  }
  try {
    const call = await callInjected(INJECTED_SCRIPTS.overlay, { tabId, frameIds: [0] }, [overlayFrameUrl(threadKey), labels], { injectImmediately: true })
    return call.ran
  } catch {
    // chrome:// pages, the Web Store, PDF viewers, or no activeTab grant: the caller shows the answer elsewhere.
    return false
  }
}
