import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePythonJson, perInstanceStatsFileSchema, validateOrThrow } from '../../../src-shared/helm/validate';
import { sharedData, sharedPath } from '../../../dev/testing/shared-data';
import { extractMainMetric } from './main-metric';
import { forEachArrayElement, readMainMetricFile } from './per-instance-reader';
import { perInstanceStatsJson } from '../../../dev/testing/board-instance-fixtures';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'helm-rank-pir-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, text);
  return path;
}

describe('forEachArrayElement', () => {
  it('splits the top-level array at any chunk size, with brackets and quotes inside strings', async () => {
    const elements = [{ a: 'x]}{"', b: [1, { c: 'é€😀' }] }, { d: '\\"' }, {}];
    const path = await file('tricky.json', JSON.stringify(elements, null, 2));
    for (const chunkSize of [1, 3, 7, 64]) {
      const seen: unknown[] = [];
      const count = await forEachArrayElement(path, (text) => seen.push(JSON.parse(text)), { chunkSize });
      expect(count).toBe(3);
      expect(seen).toEqual(elements);
    }
  });

  it('rejects a truncated file, a non-array and a non-object element with instances.bad-file', async () => {
    const truncated = await file('truncated.json', JSON.stringify([{ a: 1 }, { b: 2 }]).slice(0, -4));
    await expect(forEachArrayElement(truncated, () => undefined)).rejects.toMatchObject({ code: 'instances.bad-file' });
    await expect(forEachArrayElement(await file('object.json', '{"a": 1}'), () => undefined)).rejects.toMatchObject({
      code: 'instances.bad-file',
    });
    await expect(forEachArrayElement(await file('numbers.json', '[1, 2]'), () => undefined)).rejects.toMatchObject({
      code: 'instances.bad-file',
    });
  });
});

describe('readMainMetricFile', () => {
  it('gives the same values as the in-memory extraction, with Python NaN tokens in other stats', async () => {
    const text = perInstanceStatsJson({
      metric: 'f1_score',
      split: 'test',
      instances: [
        { id: 'id4', value: 0.25 },
        { id: 'id2', value: 1 },
      ],
      otherSplit: { split: 'valid', ids: ['id9'] },
    });
    const withNaN = text.replace(/"sum": 333/g, '"sum": NaN');
    const path = await file('run.json', withNaN);
    const streamed = await readMainMetricFile(path, { metric: 'f1_score', split: 'test' }, { chunkSize: 5 });
    const whole = extractMainMetric(validateOrThrow(perInstanceStatsFileSchema, parsePythonJson(text), 'run'), {
      metric: 'f1_score',
      split: 'test',
    });
    expect(streamed).toEqual(whole);
    expect(streamed.subSplits['']).toEqual({ ids: ['id4', 'id2'], values: [0.25, 1] });
  });

  it('names the file when a kept entry is invalid', async () => {
    const path = await file(
      'bad.json',
      JSON.stringify([{ instance_id: 'id1', train_trial_index: 0, stats: [{ name: 'x' }] }]),
    );
    await expect(readMainMetricFile(path, { metric: 'exact_match', split: 'test' })).rejects.toThrow(/bad\.json/);
  });

  describe.skipIf(!sharedData)('on real HELM files', () => {
    it('matches the in-memory extraction for every tests_data_helm run', async () => {
      const runs: [string, string, string][] = [
        ['mmlu-subject=philosophy,method=multiple_choice_joint,model=openai_gpt2', 'exact_match', 'test'],
        ['narrative_qa-model=openai_gpt2', 'f1_score', 'test'],
        [
          'commonsense-dataset=hellaswag,method=multiple_choice_joint,model=eleutherai_pythia-1b-v0',
          'exact_match',
          'valid',
        ],
      ];
      for (const [run, metric, split] of runs) {
        const path = sharedPath('every_eval_ever', 'tests_data_helm', run, 'per_instance_stats.json');
        const { readFile } = await import('node:fs/promises');
        const whole = extractMainMetric(
          validateOrThrow(perInstanceStatsFileSchema, parsePythonJson(await readFile(path, 'utf8')), path),
          { metric, split },
        );
        expect(await readMainMetricFile(path, { metric, split }, { chunkSize: 1000 })).toEqual(whole);
        expect(Object.values(whole.subSplits)[0]?.ids.length).toBeGreaterThan(0);
      }
    });
  });
});
