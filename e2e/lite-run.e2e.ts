/**
 * Acceptance of issue #15 (HELM Lite): `helm-rank run --board lite --examples 10` of the real tiny model
 * (stories260K over node-llama-cpp) on loopback fixture sources of Lite's scenarios, through the real CLI, gives a
 * full Lite row (all 10 columns) that `helm-rank rank` places on a fixture Lite board. Skipped without
 * ../shared/data (the model).
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanSummary } from '../src-shared/engine/job';
import { LITE_SCHEMA } from '../src-shared/leaderboard/schema';
import { buildFixtureLiteLeaderboardZip, FIXTURE_LITE_MODELS } from '../src-main/demo/fixture-lite-leaderboard';
import { serveMirrorDirectory, writeFixtureMirror } from '../src-main/demo/fixture-sources/index';
import type { FixtureServer } from '../src-main/demo/http-fixture-server';
import { sharedData, sharedPath } from '../dev/testing/shared-data';
import { runCli } from '../dev/testing/run-cli';
import { builtEntry } from '../dev/testing/built-app';
import { startTinyModelServer } from '../src-main/demo/tiny-model-server';
import type { TinyModelServer } from '../src-main/demo/tiny-model-server';
import { LITE_DEMO_SOURCES } from '../src-main/demo/demo';
import { launchApp, launchBrowser } from './harness';

const MODEL = 'local/stories260k';
const LITE_GROUPS = LITE_SCHEMA.leaves;

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  // Runs fork the built engine (out/app/engine.js), as the shipped CLI does.
  const { code, stdout, stderr } = await runCli(argv, {
    ...process.env,
    HELM_RANK_MIRROR: '',
    HELM_RANK_ENGINE_ENTRY: builtEntry('engine'),
  });
  return { code, out: stdout, err: stderr };
}

describe.skipIf(!sharedData)('HELM Lite run with the real tiny model on fixture sources (issue #15)', () => {
  let dir = '';
  let mirror: FixtureServer | null = null;
  let model: TinyModelServer | null = null;
  let plan: PlanSummary = { runs: [], totals: { requests: 0, estimatedPromptTokens: 0, estimatedCostUsd: null } };
  let suiteDir = '';
  let rankText = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'helm-rank-e2e-lite-'));
    await writeFixtureMirror(join(dir, 'mirror'), LITE_DEMO_SOURCES);
    mirror = await serveMirrorDirectory(join(dir, 'mirror'));
    const zip = join(dir, 'lite-fixture-board.zip');
    await writeFile(zip, buildFixtureLiteLeaderboardZip());
    const imported = await cli([
      'leaderboard',
      'import',
      zip,
      '--name',
      'lite-fixture',
      '--data-dir',
      join(dir, 'data'),
    ]);
    expect(imported.code, imported.err).toBe(0);
    model = await startTinyModelServer({ modelPath: sharedPath('models', 'stories260K.gguf'), port: 0 });
    const common = [
      '--board',
      'lite',
      '--model',
      MODEL,
      '--api-model',
      model.modelName,
      '--base-url',
      model.baseUrl,
      '--examples',
      '10',
      '--instruction-following',
      'yes',
      '--mirror',
      mirror.baseUrl,
      '--data-dir',
      join(dir, 'data'),
    ];
    const dry = await cli(['run', ...common, '--dry-run', '--json']);
    expect(dry.code, dry.err).toBe(0);
    plan = JSON.parse(dry.out) as PlanSummary;
    const run = await cli([
      'run',
      ...common,
      '--suite',
      'lite-e2e',
      '--concurrency',
      '2',
      '--leaderboard',
      'lite-fixture',
    ]);
    expect(run.code, run.err).toBe(0);
    const where = /HELM runs in (runs\/\S+?)\) finished/.exec(run.out)?.[1];
    expect(where, run.out).toBeDefined();
    suiteDir = join(dir, 'data', where ?? '');
  }, 1_500_000);

  afterAll(async () => {
    await model?.close();
    await mirror?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('plans the 28 Lite runs, 10 examples per column, and writes one run directory each', async () => {
    expect(plan.runs.filter((run) => run.skipReason === undefined)).toHaveLength(28);
    const names = (await readdir(suiteDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(names.sort()).toEqual(plan.runs.map((run) => run.name).sort());
    expect(names).toContain(
      'math:subject=algebra,level=1,use_official_examples=False,use_chain_of_thought=True,model=local_stories260k,max_eval_instances=1',
    );
  });

  it('is placed with a full Lite row (10 cells) on a fixture Lite board by `helm-rank rank`', async () => {
    const data = ['--data-dir', join(dir, 'data')];
    const ranked = await cli(['rank', suiteDir, '--leaderboard', 'lite-fixture', '--json', ...data]);
    expect(ranked.code, ranked.err).toBe(0);
    const report = JSON.parse(ranked.out) as {
      model: string;
      rank: number;
      rankInterval: [number, number];
      cells: Record<string, number | null>;
    };
    expect(report.model).toBe(MODEL);
    expect(Object.keys(report.cells).sort()).toEqual([...LITE_GROUPS].sort());
    for (const group of LITE_GROUPS) {
      expect(report.cells[group], group).not.toBeNull();
      expect(report.cells[group], group).toBeGreaterThanOrEqual(0);
    }
    expect(report.rank).toBeGreaterThanOrEqual(1);
    expect(report.rank).toBeLessThanOrEqual(FIXTURE_LITE_MODELS.length + 1);
    expect(report.rankInterval[0]).toBeLessThanOrEqual(report.rank);
    expect(report.rankInterval[1]).toBeGreaterThanOrEqual(report.rank);
    rankText = String(report.rank);
  });

  it('the wizard shows it: Lite as a board family, the run in History, its rank on the Lite board', async () => {
    const browser = await launchBrowser();
    const app = await launchApp(browser, { dataDir: join(dir, 'data') });
    try {
      const { page } = app;
      await page.getByTestId('family-lite').check();
      await expect.poll(() => page.getByTestId('catalogue-select').inputValue()).toBe('lite-v1.13.0');
      expect(await page.getByTestId('family-summary').textContent()).toContain('10 scenarios');
      await app.screenshot('lite-1-family');
      await page.getByTestId('nav-history').click();
      const row = page.locator('[data-testid="history-table"] tbody tr').first();
      await row.waitFor();
      await row.getByRole('button', { name: 'Open' }).click();
      await page.getByTestId('rank-headline').waitFor({ timeout: 120_000 });
      // The Results step writes the rank as `#<rank>`.
      expect(await page.getByTestId('rank-value').textContent()).toBe(`#${rankText}`);
      await app.screenshot('lite-2-results');
    } finally {
      await app.close();
      await browser.close();
    }
  });
});

describe.skipIf(!sharedData)('helm-rank demo --board lite', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('imports the fixture Lite board, runs the tiny model on Lite fixture sources and ranks it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'helm-rank-e2e-lite-demo-'));
    const demo = await cli(['demo', '--board', 'lite', '--data-dir', dir, '--scenarios', 'legalbench,med_qa']);
    expect(demo.code, demo.err).toBe(0);
    expect(demo.out).toContain("Imported leaderboard 'demo-lite'");
    expect(demo.out).toMatch(/rank \d+ +95 % interval \d+–\d+/);
    const suite = /HELM run directories: (\S+)/.exec(demo.out)?.[1] ?? '';
    const runs = await readdir(suite);
    expect(runs).toContain('med_qa:model=local_stories260k,max_eval_instances=10');
    expect(runs.filter((name) => name.startsWith('legalbench:'))).toHaveLength(5);
  });
});
