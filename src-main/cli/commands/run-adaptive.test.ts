import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PlanSummary } from '../../../src-shared/engine/job';
import { buildFixtureLeaderboardZip } from '../../demo/fixture-leaderboard';
import { startScriptedOpenAiServer } from '../../../dev/testing/scripted-openai-server';
import type { ScriptedServer } from '../../../dev/testing/scripted-openai-server';
import type { AdaptiveStage } from '../../services/runs/adaptive-run';
import { runCli } from '../../../dev/testing/run-cli';
import { builtTestEngine } from '../../../dev/testing/built-app';

// Tiny runs whose groups are Classic columns (mmlu, openbookqa), ranked against the 12-model fixture board.
const tinyBoardEngine = builtTestEngine('tiny-board-engine-main');

interface AdaptiveJson {
  stages: AdaptiveStage[];
  stopReason: string;
  rank: {
    model: string;
    rank: number;
    rankInterval: [number, number];
    calibrated: boolean;
    cells: Record<string, number>;
  } | null;
}

describe('helm-rank run --target-width (adaptive refinement)', () => {
  let server: ScriptedServer;
  let root = '';
  let dataDir = '';
  let env: NodeJS.ProcessEnv = {};
  const common = () => [
    'run',
    '--model',
    'org/model',
    '--base-url',
    server.baseUrl,
    '--leaderboard',
    'fx',
    '--data-dir',
    dataDir,
    '--resamples',
    '200',
    '--seed',
    '2',
  ];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'helm-rank-adaptive-'));
    env = { ...process.env, HELM_RANK_ENGINE_ENTRY: tinyBoardEngine, HELM_RANK_MIRROR: '' };
  });
  afterEach(async () => {
    await server.close();
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });
  beforeEach(async () => {
    // Right on even questions, wrong on odd ones: a mid-table model.
    server = await startScriptedOpenAiServer({
      answer: (prompt) => {
        const asked = /What is (\d+) plus one\?\s*Answer:\s*$/.exec(prompt);
        const number = asked ? Number(asked[1]) : 1;
        return number % 2 === 0 ? ` ${number + 1}\n` : ' 7\n';
      },
    });
    dataDir = await mkdtemp(join(root, 'data-'));
    const zip = join(dataDir, 'board.zip');
    await writeFile(zip, buildFixtureLeaderboardZip());
    const imported = await runCli(['leaderboard', 'import', zip, '--name', 'fx', '--data-dir', dataDir], env);
    expect(imported.code, imported.stderr).toBe(0);
  });

  it('escalates 20 → 50 sending only the new requests, then stops when the next stage would exceed the budget', async () => {
    // Dry-run request counts: the budget admits stage 2's new requests but not stage 3's.
    const plans: PlanSummary[] = [];
    for (const examples of ['20', '50', '100']) {
      const dry = await runCli(
        [
          'run',
          '--model',
          'org/model',
          '--base-url',
          server.baseUrl,
          '--examples',
          examples,
          '--data-dir',
          dataDir,
          '--dry-run',
          '--json',
        ],
        env,
      );
      expect(dry.code, dry.stderr).toBe(0);
      plans.push(JSON.parse(dry.stdout) as PlanSummary);
    }
    const [at20, at50, at100] = plans.map((plan) => plan.totals.requests) as [number, number, number];
    expect(at20).toBeLessThan(at50);
    const budget = at50 + Math.floor((at100 - at50) / 2);

    const { code, stdout, stderr } = await runCli(
      [...common(), '--target-width', '0', '--budget-requests', String(budget), '--json'],
      env,
    );
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout) as AdaptiveJson;
    expect(result.stopReason).toBe('budget');
    expect(result.stages.map((stage) => stage.examplesPerScenario)).toEqual([20, 50]);
    const [first, second] = result.stages as [AdaptiveStage, AdaptiveStage];
    expect(first.newRequests).toBe(at20);
    // Stage 2 repeats stage 1's requests from the cache: only the nested sample's new instances reach the server.
    expect(second.estimatedNewRequests).toBe(at50 - at20);
    expect(second.newRequests).toBe(at50 - at20);
    expect(second.cachedHits).toBe(at20);
    expect(server.servedTotal()).toBe(at50);
    expect(second.requestsSoFar).toBe(at50);
    expect(result.rank?.model).toBe('org/model');
    expect(Object.keys(result.rank?.cells ?? {}).sort()).toEqual(['mmlu', 'openbookqa']);
    expect(result.rank?.cells.mmlu).toBeGreaterThan(0.3);
    expect(result.rank?.rankInterval).toEqual(second.rankInterval);
    expect(stderr).toMatch(/N=20 .*rank \d+ \[\d+–\d+\]/);
  }, 240_000);

  it('stops after the first stage when the interval is already within the target width, and prints each stage', async () => {
    const { code, stdout, stderr } = await runCli(
      [...common(), '--target-width', '13', '--price-prompt', '1', '--price-completion', '2', '--budget-usd', '5'],
      env,
    );
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(
      /^N=20 {2}\+\d+ new requests \(0 cached, \d+ so far\), \$\d+\.\d{4} so far {2}rank \d+ \[\d+–\d+\]/m,
    );
    expect(stdout).toContain('Stopped: interval width ≤ 13.');
    expect(stdout).not.toMatch(/^N=50/m);
    expect(stdout).toMatch(/org\/model on fx/);
  }, 240_000);

  it("most-uncertain raises only the scenario the policy picks and ranks it with the other scenario's latest runs", async () => {
    const { code, stdout, stderr } = await runCli(
      [
        ...common(),
        '--target-width',
        '0',
        '--strategy',
        'most-uncertain',
        '--max-scenarios',
        '1',
        '--budget-requests',
        '150',
        '--json',
      ],
      env,
    );
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout) as AdaptiveJson & { rankedPath: string };
    expect(result.stages.length).toBeGreaterThanOrEqual(2);
    const [first, second] = result.stages as [AdaptiveStage, AdaptiveStage];
    expect(first.raised).toBeNull();
    expect(first.levels).toEqual({ tiny_qa: 20, tiny_mc: 20 });
    expect(second.raised).toHaveLength(1);
    const raised = second.raised?.[0] ?? '';
    expect(second.levels[raised]).toBe(50);
    // Only the raised scenario's new instances reach the server: tiny_qa 20 → 40 items, or tiny_mc 10 → 25 items × 4 choices.
    expect(second.newRequests).toBe(raised === 'tiny_qa' ? 20 : 60);
    expect(second.cachedHits).toBe(raised === 'tiny_qa' ? 20 : 40);
    expect(server.servedTotal()).toBe(result.stages.at(-1)?.requestsSoFar);
    expect(result.stages.at(-1)?.requestsSoFar).toBeLessThanOrEqual(150);
    expect(result.stopReason).toBe('budget');
    // Both columns are still ranked: the raised scenario's new run beside the other's stage-1 run.
    expect(Object.keys(result.rank?.cells ?? {}).sort()).toEqual(['mmlu', 'openbookqa']);
    expect(result.rankedPath).toContain(join(dataDir, 'adaptive'));
  }, 240_000);

  it('refuses a stage it cannot rank or pay for before sending anything', async () => {
    const noBoard = await runCli(
      ['run', '--model', 'org/model', '--base-url', server.baseUrl, '--data-dir', dataDir, '--target-width', '3'],
      env,
    );
    expect(noBoard.code).toBe(1);
    expect(noBoard.stderr).toContain('--leaderboard');
    const noPrices = await runCli([...common(), '--target-width', '3', '--budget-usd', '1'], env);
    expect(noPrices.code).toBe(1);
    expect(noPrices.stderr).toContain('--price-prompt');
    const tiny = await runCli([...common(), '--target-width', '0', '--budget-requests', '5', '--json'], env);
    expect(tiny.code, tiny.stderr).toBe(0);
    expect(JSON.parse(tiny.stdout)).toMatchObject({ stages: [], stopReason: 'budget', rank: null });
    expect(server.received()).toBe(0);
  }, 120_000);
});
