/**
 * What most browser test files share: one stand-in of chatgpt.com (era 2026) and one Chromium with
 * the built extension, logged in, for the whole file; the stand-in's log, queue and faults reset
 * before each test (unless the file resets them itself); both closed after the file.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { startStandIn, type StandIn } from '../../test/chatgpt-stand-in/index'
import { launchExtension, type LaunchedExtension, type LaunchOptions } from './launch'

export interface BrowserSuite {
  standIn: StandIn
  ext: LaunchedExtension
}

export interface BrowserSuiteOptions {
  /** Added to the defaults (logged in), e.g. a locale or Chromium flags. */
  launch?: Omit<LaunchOptions, 'standIn'>
  /** False when the file resets the stand-in itself (the reliability suites tally first). */
  resetEachTest?: boolean
}

/**
 * Registers the file's hooks and returns the suite. Its fields are set once `beforeAll` has run:
 * read them inside tests and hooks.
 */
export function useBrowserSuite({ launch = {}, resetEachTest = true }: BrowserSuiteOptions = {}): BrowserSuite {
  const suite = {} as BrowserSuite
  beforeAll(async () => {
    suite.standIn = await startStandIn({ era: '2026' })
    suite.ext = await launchExtension({ loggedIn: true, ...launch, standIn: suite.standIn })
  })
  afterAll(async () => {
    await suite.ext?.close()
    await suite.standIn?.close()
  })
  if (resetEachTest) beforeEach(() => suite.standIn.reset())
  return suite
}
