/**
 * Builds the two render-bench pages (bench only; never part of the extension build). Our page
 * uses preact JSX; the peers' page is plain TypeScript calling React, so no JSX aliasing is needed
 * and each page gets its own real framework.
 */
import { resolve } from 'node:path'
import { defineConfig } from 'vite'

const here = import.meta.dirname

export default defineConfig({
  root: here,
  base: './',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    target: 'chrome116',
    emptyOutDir: true,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 4096,
    rolldownOptions: { input: { ours: resolve(here, 'ours.html'), peers: resolve(here, 'peers.html') } },
  },
})
