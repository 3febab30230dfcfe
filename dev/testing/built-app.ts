/**
 * The built JavaScript that tests spawn (vitest's global setup, scripts/test-build.mjs, builds it first): the
 * production bundles in out/app/ and the tiny test engines in out/test-engines/.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from './shared-data';

function built(path: string): string {
  if (!existsSync(path))
    throw new Error(`${path} is missing: tests run the built app; run them through vitest (its global setup builds).`);
  return path;
}

/** A production entry bundle: `out/app/<name>.js`. */
export function builtEntry(name: 'cli' | 'engine' | 'import-worker' | 'rank-worker' | 'main'): string {
  return built(join(repositoryRoot, 'out', 'app', `${name}.js`));
}

/** A test engine over the tiny fixture components: `out/test-engines/<name>.js`. */
export function builtTestEngine(name: 'tiny-engine-main' | 'tiny-board-engine-main'): string {
  return built(join(repositoryRoot, 'out', 'test-engines', `${name}.js`));
}
