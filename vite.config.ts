import { defineConfig } from 'vite'
import preact from '@preact/preset-vite'
import { crx } from '@crxjs/vite-plugin'
import manifest from './manifest.json' with { type: 'json' }
import { bundleBudget } from './scripts/check-bundle-size.js'
import { injectedScripts } from './scripts/injected-scripts.js'

// The shipped bundle talks to https://chatgpt.com only; tests redirect that host at the browser's
// resolver (see e2e/harness/launch.ts), so nothing test-specific is compiled in.
export default defineConfig({
  // injectedScripts: the scripts the worker injects into pages, as standalone files.
  // bundleBudget: prints initial JS per entry and fails the build over a size budget (issue 10).
  plugins: [preact(), crx({ manifest }), injectedScripts(), bundleBudget()],
  build: {
    target: 'chrome116',
    sourcemap: false,
    emptyOutDir: true,
    // Pages no manifest key names (crxjs only picks up manifest ones).
    rollupOptions: { input: { chat: 'src/chat/index.html', overlay: 'src/overlay/index.html' } },
  },
  server: { port: 5173, strictPort: true, hmr: { port: 5174 } },
})
