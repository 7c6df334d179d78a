import { defineConfig } from 'vitest/config'
import preact from '@preact/preset-vite'

// Unit and component tests: Node only, no browser. E2E lives in vitest.e2e.config.ts.
export default defineConfig({
  plugins: [preact()],
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    reporters: ['default'],
  },
})
