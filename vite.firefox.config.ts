import { defineConfig, type PluginOption, type UserConfig } from 'vite'
import { crx } from '@crxjs/vite-plugin'
import base from './vite.config'
import manifest from './manifest.json' with { type: 'json' }
import { firefoxManifest } from './scripts/firefox-manifest'

// The Firefox build: the Chrome config (vite.config.ts) with crxjs in Firefox mode, the manifest
// derived by scripts/firefox-manifest.ts, a Firefox target and dist-firefox/ as output. Everything
// else (pages, budgets, other plugins) comes from the Chrome config, so a page added there ships
// in both builds.

/** crxjs's own test for its plugins (`isCrxPlugin`): every one is named `crx:…`. */
const isCrx = (plugin: PluginOption) => typeof plugin === 'object' && plugin !== null && 'name' in plugin && plugin.name.startsWith('crx:')

const chrome: UserConfig = base
const withoutCrx = [chrome.plugins ?? []].flat(Infinity as 1).filter((plugin) => !isCrx(plugin))

export default defineConfig({
  ...chrome,
  plugins: [...withoutCrx, crx({ manifest: firefoxManifest(manifest) as unknown as Parameters<typeof crx>[0]['manifest'], browser: 'firefox' })],
  // src/shared/platform/capabilities.ts reads this for what no runtime check can tell apart.
  define: { ...chrome.define, 'import.meta.env.VITE_TARGET_BROWSER': JSON.stringify('firefox') },
  build: { ...chrome.build, target: 'firefox142', outDir: 'dist-firefox' },
})
