import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanSummary } from '../../../src-shared/engine/job';
import { IMDB_PINNED_ORDER_URL } from '../../engine/scenarios/imdb';
import { writeFixtureMirror } from '../../demo/fixture-sources/index';
import { runCli } from '../../../dev/testing/run-cli';
import { builtEntry } from '../../../dev/testing/built-app';

// Issue #2's mirror rule for local mirrors: IMDB's pinned-order URL ends in `/`, and a directory mirror (as
// written by writeFixtureMirror) stores it as `<path>/_index`. The dry run uses the real engine process.
describe('helm-rank run --dry-run from a local directory mirror', () => {
  let dir = '';
  let env: NodeJS.ProcessEnv = {};
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'helm-rank-cli-mirror-'));
    await writeFixtureMirror(join(dir, 'mirror'), ['imdb']);
    // The real engine, as built (out/app/engine.js).
    env = { ...process.env, HELM_RANK_MIRROR: '', HELM_RANK_ENGINE_ENTRY: builtEntry('engine') };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['a directory', (mirror: string) => mirror],
    ['a file:// URL', (mirror: string) => pathToFileURL(mirror).href],
  ])(
    'plans IMDB with %s mirror, whose pinned-order URL ends in /',
    async (label, asMirror) => {
      expect(IMDB_PINNED_ORDER_URL.endsWith('/')).toBe(true);
      const dataDir = join(dir, `data-${label.length}`);
      const argv = [
        'run',
        '--model',
        'org/model',
        '--base-url',
        'http://127.0.0.1:9/v1',
        '--examples',
        '10',
        '--scenarios',
        'imdb',
        '--mirror',
        asMirror(join(dir, 'mirror')),
        '--data-dir',
        dataDir,
        '--dry-run',
        '--json',
      ];
      const { code, stdout, stderr } = await runCli(argv, env);
      expect(code, stderr).toBe(0);
      const plan = JSON.parse(stdout) as PlanSummary;
      expect(plan.runs.map((run) => run.name)).toEqual(['imdb:model=org_model,max_eval_instances=10']);
      expect(plan.runs[0]?.evalInstanceIds).toHaveLength(10);
      expect(plan.runs[0]?.skipReason).toBeUndefined();
      expect(plan.totals.requests).toBeGreaterThanOrEqual(10);
    },
    120_000,
  );
});
