/**
 * vitest's global setup (vitest.config.ts): before any test runs, build what the tests spawn, so a process a test
 * starts runs the same built JavaScript users run, fresh from the sources under test (on a clean clone in CI too):
 *  - out/app/: the production bundles (scripts/build.mjs, without the renderer: the e2e harness builds that);
 *  - out/test-engines/: the test engine entries over the tiny fixture components.
 */
import { build } from 'esbuild';
import { buildApp, EXTERNAL, root } from './build.mjs';

/** Engine entries of the tests: bundle name → source. */
export const TEST_ENGINES = {
  'tiny-engine-main': 'dev/tiny-engine/tiny-engine-main.ts',
  'tiny-board-engine-main': 'dev/tiny-engine/tiny-board-engine-main.ts',
};

export default async function buildForTests() {
  await Promise.all([
    buildApp(),
    build({
      absWorkingDir: root,
      entryPoints: TEST_ENGINES,
      outdir: 'out/test-engines',
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      external: EXTERNAL,
      logLevel: 'warning',
    }),
  ]);
}
