// Runs the demo tests on their own: npx vitest run --config demo/vitest.config.mjs
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/demo/**/*.test.ts'],
    environment: 'node',
    testTimeout: 10_000,
    hookTimeout: 60_000,
  },
});
