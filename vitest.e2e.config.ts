import { defineConfig } from 'vitest/config'

// Real-browser tests: one Chromium at a time on a 2-core machine.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
})
