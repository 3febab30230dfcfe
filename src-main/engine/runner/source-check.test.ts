import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineJobSchema } from '../../../src-shared/engine/job';
import type { JobPhase } from '../../../src-shared/engine/progress';
import { fixtureFiles } from '../../demo/fixture-sources/index';
import { startFixtureServer } from '../../demo/http-fixture-server';
import type { FixtureServer } from '../../demo/http-fixture-server';
import { BOOLQ_BASE_URL } from '../scenarios/boolq';
import { createDefaultComponents } from './default-components';
import { nothingScoredError } from './nothing-scored';
import { planJob } from './plan';

let mirror: FixtureServer;
let dir = '';

beforeAll(async () => {
  mirror = await startFixtureServer();
  dir = await mkdtemp(join(tmpdir(), 'helm-rank-source-check-'));
});

afterAll(async () => {
  await mirror.close();
  await rm(dir, { recursive: true, force: true });
});

const job = (dataDir: string) =>
  engineJobSchema.parse({
    kind: 'plan',
    // Nothing is sent to it: planning only.
    endpoint: { model: 'org/model', baseUrl: 'http://127.0.0.1:9/v1' },
    examplesPerScenario: 10,
    scenarios: ['boolq'],
    mirror: mirror.baseUrl,
    dataDir,
    runDir: join(dataDir, 'runs', 'r1'),
  });

// The real components, downloader and mirror rule against a loopback mirror (docs: issue #13 finding 1).
describe('the dry run checks sources first', () => {
  it('names the mirror URL that answered 404 and skips the scenario before downloading anything', async () => {
    const phases: JobPhase[] = [];
    const plan = await planJob(job(join(dir, 'missing')), createDefaultComponents(), {
      onPhase: (phase) => phases.push(phase),
    });
    const tried = `${mirror.baseUrl}/${BOOLQ_BASE_URL.replace('https://', '')}/train.jsonl`;
    expect(plan.summary.totals.requests).toBe(0);
    const [run] = plan.summary.runs;
    expect(run?.dataProblem).toEqual({
      scenario: 'boolq',
      sourceUrl: `${BOOLQ_BASE_URL}/train.jsonl`,
      triedUrl: tried,
      status: 404,
      code: 'scenario.source-missing',
      message: `Scenario boolq: ${tried} answered HTTP 404 (not found).`,
    });
    expect(run?.skipReason).toBe(`Data unavailable — Scenario boolq: ${tried} answered HTTP 404 (not found).`);
    // Only probes: no GET of any file.
    expect(mirror.requests.every((request) => request.method === 'HEAD')).toBe(true);
    expect(phases[0]).toMatchObject({ step: 'checking-sources', done: 0, total: 2 });
    expect(phases.filter((phase) => phase.step === 'checking-sources').at(-1)).toMatchObject({ done: 2, total: 2 });
    expect(phases.some((phase) => phase.step === 'preparing')).toBe(false);

    const error = nothingScoredError(
      plan.summary.runs.map((planned) => ({
        runName: planned.name,
        status: 'skipped',
        message: planned.skipReason ?? '',
        requestsDone: 0,
        requestsTotal: 0,
        cachedHits: 0,
        promptTokens: 0,
        completionTokens: 0,
        costUsd: null,
      })),
      plan.runs,
    );
    expect(error?.code).toBe('run.nothing-scored');
    expect(error?.message).toBe(
      `Nothing was scored: the data of boolq could not be downloaded — Scenario boolq: ${tried} answered HTTP 404 (not found).`,
    );
    expect(error?.details).toMatchObject({ cause: 'data', scenarios: ['boolq'], urls: [tried], status: 404 });
  });

  it('reports the scenario it prepares and the bytes it downloads once the sources are there', async () => {
    for (const file of await fixtureFiles(['boolq'])) mirror.set(`/${file.url.replace('https://', '')}`, file.data, {});
    const phases: JobPhase[] = [];
    const plan = await planJob(job(join(dir, 'present')), createDefaultComponents(), {
      onPhase: (phase) => phases.push(phase),
    });
    expect(plan.summary.runs[0]?.dataProblem).toBeUndefined();
    expect(plan.summary.totals.requests).toBeGreaterThan(0);
    expect(phases.map((phase) => phase.step)).toEqual(
      expect.arrayContaining(['checking-sources', 'preparing', 'downloading', 'planning']),
    );
    const download = phases.filter((phase) => phase.step === 'downloading').at(-1);
    expect(download).toMatchObject({ scenario: 'boolq' });
    expect(download?.bytes).toBe(download?.totalBytes);
    expect(nothingScoredError([], plan.runs)).toBeNull();
  });
});
