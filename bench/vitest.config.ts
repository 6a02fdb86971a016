/**
 * Vitest as the bench's TypeScript runner (`npm run bench` runs it through scripts/bench.mjs): one
 * file at a time, long timeouts, no timing assertions. Figures go to BENCH_OUT as JSON.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['bench/**/*.bench-run.ts'],
    environment: 'node',
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 600_000,
    hookTimeout: 120_000,
    retry: 0,
  },
});
