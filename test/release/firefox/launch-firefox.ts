/**
 * Starts Debian's firefox-esr headless in a fresh profile with WebDriver BiDi on a random port, and
 * waits (bounded) for the address it prints. The profile's prefs fix the add-on's moz-extension
 * host, route HTTPS through a local CONNECT proxy (so chatgpt.com reaches the stand-in with the
 * real host name, as Chromium's host-resolver rules do in e2e) and switch off Firefox's own
 * background traffic.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr'

export interface FirefoxOptions {
  /** Add-on id → the UUID its moz-extension:// host should have. */
  extensionUuids: Record<string, string>
  /** Port of a local HTTP CONNECT proxy for every https:// request. */
  httpsProxyPort: number
  /** UI language, e.g. 'zh-CN'. */
  locale?: string
  startTimeoutMs?: number
}

export interface LaunchedFirefox {
  bidiUrl: string
  output(): string
  close(): Promise<void>
}

function prefs(options: FirefoxOptions): Record<string, string | number | boolean> {
  return {
    'extensions.webextensions.uuids': JSON.stringify(options.extensionUuids),
    'network.proxy.type': 1,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': options.httpsProxyPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    // Quiet, offline-friendly profile: no updates, telemetry, remote settings or first-run pages.
    'app.update.disabledForTesting': true,
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.homepage_override.mstone': 'ignore',
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.update.enabled': false,
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    'network.captive-portal-service.enabled': false,
    'devtools.console.stdout.content': true,
    'network.connectivity-service.enabled': false,
    ...(options.locale ? { 'intl.locale.requested': options.locale, 'intl.accept_languages': options.locale } : {}),
  }
}

export async function launchFirefox(options: FirefoxOptions): Promise<LaunchedFirefox> {
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} not found: apt-get install -y firefox-esr (or set FIREFOX_PATH)`)
  const profile = mkdtempSync(join(tmpdir(), 'ask-anywhere-firefox-'))
  const userJs = Object.entries(prefs(options)).map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
  writeFileSync(join(profile, 'user.js'), `${userJs.join('\n')}\n`)
  const child: ChildProcess = spawn(
    FIREFOX,
    // System access lets BiDi open moz-extension:// pages (privileged URLs are refused otherwise).
    ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port=0', '--remote-allow-system-access'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1', ...(options.locale ? { LANG: `${options.locale.replace('-', '_')}.UTF-8` } : {}) } },
  )
  let output = ''
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(timer)
    }
    rmSync(profile, { recursive: true, force: true })
  }
  try {
    const bidiUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`firefox printed no WebDriver BiDi address in ${options.startTimeoutMs ?? 60_000} ms:\n${output.slice(-2000)}`)), options.startTimeoutMs ?? 60_000)
      const read = (chunk: Buffer) => {
        output += chunk.toString()
        const match = /WebDriver BiDi listening on (ws:\/\/[^\s]+)/.exec(output)
        if (match?.[1]) {
          clearTimeout(timer)
          resolve(match[1])
        }
      }
      child.stdout?.on('data', read)
      child.stderr?.on('data', read)
      child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`firefox exited (${code}) before BiDi was up:\n${output.slice(-2000)}`))))
    })
    return { bidiUrl, output: () => output, close }
  } catch (error) {
    await close()
    throw error
  }
}
