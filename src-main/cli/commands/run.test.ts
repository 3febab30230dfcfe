import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlanSummary } from '../../../src-shared/engine/job';
import { startScriptedOpenAiServer } from '../../../dev/testing/scripted-openai-server';
import type { ScriptedServer } from '../../../dev/testing/scripted-openai-server';
import { runCli } from '../../../dev/testing/run-cli';
import { builtTestEngine } from '../../../dev/testing/built-app';

const tinyEngine = builtTestEngine('tiny-engine-main');

describe('helm-rank run', () => {
  let server: ScriptedServer;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    server = await startScriptedOpenAiServer();
    dir = await mkdtemp(join(tmpdir(), 'helm-rank-cli-run-'));
    env = { ...process.env, HELM_RANK_ENGINE_ENTRY: tinyEngine, MY_KEY: 'sk-test-secret' };
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the dry-run plan as JSON without sending a request', async () => {
    const { code, stdout } = await runCli(
      [
        'run',
        '--model',
        'org/model',
        '--base-url',
        server.baseUrl,
        '--examples',
        '10',
        '--data-dir',
        dir,
        '--dry-run',
        '--json',
        '--price-prompt',
        '1',
        '--price-completion',
        '2',
      ],
      env,
    );
    expect(code).toBe(0);
    const plan = JSON.parse(stdout) as PlanSummary;
    expect(plan.runs.map((run) => run.name)).toEqual([
      'tiny_qa:model=org_model,max_eval_instances=10',
      'tiny_mc:method=multiple_choice_separate_original,model=org_model,max_eval_instances=10',
    ]);
    expect(plan.runs[0]?.evalInstanceIds.every((id) => /^id\d+$/.test(id))).toBe(true);
    expect(plan.totals.requests).toBe(30);
    expect(plan.totals.estimatedCostUsd).toBeGreaterThan(0);
    expect(server.received()).toBe(0);
  });

  it('runs, records run.json without the key, and writes HELM run directories', async () => {
    const { code, stdout, stderr } = await runCli(
      [
        'run',
        '--model',
        'org/model',
        '--base-url',
        server.baseUrl,
        '--examples',
        '10',
        '--data-dir',
        dir,
        '--api-key-env',
        'MY_KEY',
        '--suite',
        'cli',
        '--concurrency',
        '2',
      ],
      env,
    );
    expect(stderr).not.toContain('sk-test-secret');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Run \S+ .*finished/);
    // Without --leaderboard the app cannot rank it: the CLI says so, and how to rank it.
    expect(stdout).toContain("It names no leaderboard (no --leaderboard NAME), so the app's Results");
    expect(stdout).toMatch(
      /Rank it with: helm-rank rank \S+benchmark_output\/runs\/cli --leaderboard NAME --data-dir /,
    );
    const [runId] = await readdir(join(dir, 'runs'));
    const recordText = await readFile(join(dir, 'runs', runId ?? '', 'run.json'), 'utf8');
    expect(recordText).not.toContain('sk-test-secret');
    const record = JSON.parse(recordText) as {
      status: string;
      apiKeyEnv: string;
      finishedRuns: unknown[];
      overall: { requestsDone: number };
    };
    expect(record).toMatchObject({ status: 'done', apiKeyEnv: 'MY_KEY', overall: { requestsDone: 30 } });
    expect(record.finishedRuns).toHaveLength(2);
    expect(await readdir(join(dir, 'runs', runId ?? '', 'benchmark_output', 'runs', 'cli'))).toHaveLength(2);
    expect(server.servedTotal()).toBe(30);
  });

  it('fails with a usage error for a missing key variable or a bad budget', async () => {
    const noKey = await runCli(
      [
        'run',
        '--model',
        'org/model',
        '--base-url',
        server.baseUrl,
        '--examples',
        '10',
        '--data-dir',
        dir,
        '--api-key-env',
        'NOPE_NOT_SET',
      ],
      env,
    );
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('NOPE_NOT_SET');
    const badBudget = await runCli(
      ['run', '--model', 'org/model', '--base-url', server.baseUrl, '--examples', '200', '--data-dir', dir],
      env,
    );
    expect(badBudget.code).toBe(1);
    expect(badBudget.stderr).toContain('--examples must be one of');
  });

  it('refuses an unknown --scenarios name before creating a run, listing the valid names', async () => {
    // The built-in engine's scenarios (a development engine entry has its own, and checks them itself).
    const builtIn = { ...env, HELM_RANK_ENGINE_ENTRY: '' };
    const base = ['run', '--model', 'org/model', '--base-url', server.baseUrl, '--examples', '10', '--data-dir', dir];
    const { code, stderr } = await runCli([...base, '--scenarios', 'boolq,nosuch'], builtIn);
    expect(code).toBe(1);
    expect(stderr).toContain("helm-rank: HELM Classic has no scenario 'nosuch'.");
    expect(stderr).toMatch(/hint: Choose --scenarios among mmlu, boolq, .*imdb, .*commonsense/);
    expect(stderr).not.toContain('resume');
    await expect(readdir(join(dir, 'runs'))).rejects.toThrow();
    expect(server.received()).toBe(0);
  });

  it('refuses a --resume that is not a run id, and credentials in --base-url, naming neither folder nor password', async () => {
    const base = ['run', '--model', 'org/model', '--examples', '10', '--data-dir', dir];
    const resume = await runCli([...base, '--base-url', server.baseUrl, '--resume', '..'], env);
    expect(resume.code).toBe(1);
    expect(resume.stderr).toContain('--resume needs a run id like 20261128-081500-ab12cd');
    const port = new URL(server.baseUrl).port;
    const userInfo = await runCli([...base, '--base-url', `http://me:hunter2@127.0.0.1:${port}/v1`], env);
    expect(userInfo.code).toBe(1);
    expect(userInfo.stderr).toContain('--base-url contains a user name or password');
    expect(userInfo.stderr).toContain('--api-key-env');
    expect(userInfo.stderr).not.toContain('hunter2');
    expect(server.received()).toBe(0);
    await expect(readdir(join(dir, 'runs'))).rejects.toThrow();
  });
});
