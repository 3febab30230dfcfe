import { describe, expect, it } from 'vitest';
import type { Stat } from '../../../src-shared/helm/stat';
import { CLASSIC_SCHEMA } from '../../../src-shared/leaderboard/schema';
import { sharedPath } from '../../../dev/testing/shared-data';
import { RunCollector, tokensPerRequest } from './run-collector';
import { EXACT_VALIDATORS } from './run-file-exact';
import { readFolderRunFiles } from './run-files';

const stat = (name: string, split: string, count: number, sum: number, extra: Partial<Stat['name']> = {}): Stat => ({
  name: { name, split, ...extra },
  count,
  sum,
  sum_squared: 0,
});

describe('tokensPerRequest', () => {
  it('keeps mean prompt and output tokens per split, unperturbed and without sub-splits', () => {
    const tokens = tokensPerRequest([
      stat('num_prompt_tokens', 'test', 3, 1500),
      stat('num_output_tokens', 'test', 3, 30),
      stat('num_completion_tokens', 'test', 3, 30),
      stat('num_prompt_tokens', 'test', 3, 9999, {
        perturbation: { name: 'robustness', robustness: true, fairness: false, computed_on: 'perturbed' },
      }),
      stat('num_prompt_tokens', 'test', 3, 9999, { sub_split: 'toxic' }),
      stat('exact_match', 'test', 3, 2),
    ]);
    expect(tokens).toEqual({ test: { prompt: 500, output: 10 } });
  });

  it('prefers num_output_tokens: echo requests count the prompt in num_completion_tokens', () => {
    expect(
      tokensPerRequest([
        stat('num_prompt_tokens', 'valid', 1, 90),
        stat('num_completion_tokens', 'valid', 1, 91),
        stat('num_output_tokens', 'valid', 1, 1),
      ]),
    ).toEqual({ valid: { prompt: 90, output: 1 } });
    expect(
      tokensPerRequest([stat('num_prompt_tokens', 'valid', 2, 180), stat('num_completion_tokens', 'valid', 2, 10)]),
    ).toEqual({ valid: { prompt: 90, output: 5 } });
    expect(tokensPerRequest([stat('num_completion_tokens', 'valid', 2, 10)])).toEqual({});
  });

  it('is kept on the imported run (index.json), not among its stats (run-stats.json)', async () => {
    const collector = new RunCollector(CLASSIC_SCHEMA);
    await readFolderRunFiles(sharedPath('helm-examples', 'run'), (file) => collector.add(file, EXACT_VALIDATORS));
    collector.finish();
    const run = collector.runs[0];
    // Real HELM stats.json (3 trials): num_prompt_tokens sum 1370.89 / count 3 on the test split.
    expect(run?.tokensPerRequest?.test?.prompt).toBeCloseTo(1370.8910891089108 / 3, 9);
    expect(run?.tokensPerRequest?.test?.output).toBe(1);
    expect(run?.stats.some((entry) => entry.name.name === 'num_prompt_tokens')).toBe(false);
  });
});
