/**
 * Chromium with the built extension (dist/) for the pictures: the e2e launch (chatgpt.com mapped
 * to the stand-in, logged in) plus a UI language, a light or dark system theme, and the flag that
 * lets the selection shot have Chromium grant activeTab as a real menu click would.
 */
import type { StandIn } from '../../test/chatgpt-stand-in/index'
import { launchExtension, type LaunchedExtension } from '../../e2e/harness/launch'
import type { ShotLocale } from './content'

export type ShotTheme = 'light' | 'dark'

export const WIDE = { width: 1100, height: 720 }

export function launchForShots(standIn: StandIn, locale: ShotLocale, theme: ShotTheme): Promise<LaunchedExtension> {
  return launchExtension({
    standIn,
    loggedIn: true,
    locale,
    colorScheme: theme,
    viewport: WIDE,
    extraArgs: ['--enable-unsafe-extension-debugging', '--hide-scrollbars'],
  })
}
