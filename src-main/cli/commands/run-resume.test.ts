import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startScriptedOpenAiServer } from '../../../dev/testing/scripted-openai-server';
import type { ScriptedServer } from '../../../dev/testing/scripted-openai-server';
import { runCli } from '../../../dev/testing/run-cli';
import { builtTestEngine } from '../../../dev/testing/built-app';

const tinyEngine = builtTestEngine('tiny-engine-main');

describe('helm-rank run --resume', () => {
  let first: ScriptedServer;
  let second: ScriptedServer;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    first = await startScriptedOpenAiServer();
    second = await startScriptedOpenAiServer();
    dir = await mkdtemp(join(tmpdir(), 'helm-rank-resume-'));
    env = { ...process.env, HELM_RANK_ENGINE_ENTRY: tinyEngine };
  });
  afterEach(async () => {
    await first.close();
    await second.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses another model or URL, and accepts a moved endpoint with --endpoint-moved, recorded', async () => {
    const base = ['run', '--examples', '10', '--data-dir', dir, '--suite', 's'];
    expect((await runCli([...base, '--model', 'org/a', '--base-url', first.baseUrl], env)).code).toBe(0);
    const [runId = ''] = await readdir(join(dir, 'runs'));
    const suiteDir = join(dir, 'runs', runId, 'benchmark_output', 'runs', 's');
    const before = await readdir(suiteDir);

    const otherModel = await runCli([...base, '--model', 'org/b', '--base-url', first.baseUrl, '--resume', runId], env);
    expect(otherModel.code).toBe(1);
    expect(otherModel.stderr).toContain(`Run ${runId} was made with model 'org/a'; it cannot be resumed with 'org/b'`);

    const otherUrl = await runCli(['run', '--resume', runId, '--base-url', second.baseUrl, '--data-dir', dir], env);
    expect(otherUrl.code).toBe(1);
    expect(otherUrl.stderr).toContain(
      `was made against ${first.baseUrl}; it cannot be resumed against ${second.baseUrl}`,
    );
    expect(otherUrl.stderr).toContain('--endpoint-moved');
    expect(second.received()).toBe(0);
    expect(await readdir(suiteDir)).toEqual(before);

    const moved = await runCli(
      ['run', '--resume', runId, '--base-url', `${second.baseUrl}/`, '--endpoint-moved', '--data-dir', dir],
      env,
    );
    expect(moved.code).toBe(0);
    // The same server at a new address: every answer is still found in the cache under the run's first address.
    expect(second.received()).toBe(0);
    const record = JSON.parse(await readFile(join(dir, 'runs', runId, 'run.json'), 'utf8')) as {
      baseUrl: string;
      endpointMoves: { from: string; to: string }[];
    };
    expect(record.baseUrl).toBe(second.baseUrl);
    expect(record.endpointMoves).toMatchObject([{ from: first.baseUrl, to: second.baseUrl }]);
    expect(await readdir(suiteDir)).toEqual(before);
  });
});
