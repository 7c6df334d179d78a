import { defineConfig } from 'vitest/config'

// Release checks (`npm run test:release`, run by .ci/run after `npm test`): whole production builds,
// web-ext lint and a real Firefox, so slower than the unit suite and kept out of it.
export default defineConfig({
  test: {
    include: ['test/release/**/*.release.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
    reporters: ['default'],
  },
})
