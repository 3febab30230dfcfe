import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startScriptedOpenAiServer } from '../../../dev/testing/scripted-openai-server';
import type { ScriptedServer } from '../../../dev/testing/scripted-openai-server';
import { runCli } from '../../../dev/testing/run-cli';
import { builtTestEngine } from '../../../dev/testing/built-app';

const tinyEngine = builtTestEngine('tiny-engine-main');

describe('helm-rank run: bounded responses', () => {
  let server: ScriptedServer;
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'helm-rank-limits-'));
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('fails requests answered with 50 MB each with an error naming the endpoint and size, memory bounded', async () => {
    // Half of the answers declare their 50 MB, the other half stream it without a Content-Length.
    server = await startScriptedOpenAiServer({
      fault: ({ index }) => ({ kind: 'oversized', bytes: 50 * 1024 * 1024, declareLength: index % 2 === 0 }),
    });
    const peakFile = join(dir, 'engine-peak');
    const env = { ...process.env, HELM_RANK_ENGINE_ENTRY: tinyEngine, HELM_RANK_PEAK_RSS_FILE: peakFile };
    const base = ['run', '--model', 'org/m', '--base-url', server.baseUrl, '--examples', '10', '--data-dir', dir];
    const { code, stdout, stderr } = await runCli([...base, '--scenarios', 'tiny_qa', '--concurrency', '4'], env);
    expect(stderr).toMatch(
      /\/v1\/completions answered (50\.0 MB|more than 32\.0 MB), over the response-size limit of 32\.0 MB; this request was abandoned\./,
    );
    expect(code).toBe(0); // the HELM run failed, as HELM fails a run whose request fails; the job itself finished
    expect(stdout).toMatch(/failed: tiny_qa:model=org_m,max_eval_instances=10 — .*\/v1\/completions answered/);
    const peak = Number(await readFile(peakFile, 'utf8'));
    expect(peak).toBeGreaterThan(0);
    // Bounded by what may be buffered: up to the 32 MB limit per request in flight (4), over the engine's baseline.
    expect(peak).toBeLessThan(150 * 1024 * 1024 + 4 * 32 * 1024 * 1024);
  });
});
