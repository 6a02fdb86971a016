import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [preact()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}', 'test/demo/**/*.unit.test.ts'],
          environment: 'happy-dom',
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts', 'test/demo/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          // Browsers are heavy on two cores: one file at a time.
          fileParallelism: false,
          // Real browsers on a loaded 2-core machine: one retry absorbs timing noise; a real bug fails twice.
          retry: 1,
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
