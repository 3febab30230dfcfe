import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests next to the code, and end-to-end tests (real processes, real Chromium). The global
// setup builds the bundles first, so every process a test spawns runs the built JavaScript users run.
export default defineConfig({
  test: {
    globalSetup: ['./scripts/test-build.mjs'],
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'src-shared/**/*.test.ts',
            'src-main/**/*.test.ts',
            'src-renderer/**/*.test.{ts,tsx}',
            'dev/**/*.test.ts',
            'bench/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 300_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
