import { describe, expect, it } from 'vitest';
import type { MetricName, Stat } from '../helm/stat';
import type { RunRecord } from './cells';
import { computeCellTable, firstSeenOrder, isStatNeeded, readOrder, sortModels } from './cells';
import type { ColumnSpec } from './schema';
import { CAPABILITIES_SCHEMA, CLASSIC_SCHEMA, LITE_SCHEMA } from './schema';
import { matchesStatName } from './stat-matcher';

/** A stat as HELM writes it in stats.json: one value per trial, so `count` is the number of trials. */
function trialStat(name: MetricName, trialMeans: number[]): Stat {
  if (trialMeans.length === 0) return { name, count: 0, sum: 0, sum_squared: 0 };
  const sum = trialMeans.reduce((a, b) => a + b, 0);
  const sumSquared = trialMeans.reduce((a, b) => a + b * b, 0);
  const mean = sum / trialMeans.length;
  const variance = Math.max(0, sumSquared / trialMeans.length - mean * mean);
  return {
    name,
    count: trialMeans.length,
    sum,
    sum_squared: sumSquared,
    min: Math.min(...trialMeans),
    max: Math.max(...trialMeans),
    mean,
    variance,
    stddev: Math.sqrt(variance),
  };
}

const worst = (perturbation: 'robustness' | 'fairness') => ({
  name: perturbation,
  robustness: perturbation === 'robustness',
  fairness: perturbation === 'fairness',
  computed_on: 'worst',
});

function run(name: string, model: string, groups: string[], stats: Stat[], modelDeployment = ''): RunRecord {
  return { name, model, modelDeployment, groups, stats };
}

const accuracy = CLASSIC_SCHEMA.tables.accuracy!;
const robustness = CLASSIC_SCHEMA.tables.robustness!;
const column = (columns: readonly ColumnSpec[], group: string): number => columns.findIndex((c) => c.group === group);

describe('computeCellTable', () => {
  it('sums a cell over run directories in sorted order, as summarize reads them (not archive order)', () => {
    // `Summarizer.read_runs_for_suite` iterates `sorted(os.listdir(run_suite_path))` (summarize.py, v0.3.0 and
    // v0.4.0), and `create_cell` merges in that order. (0.1 + 0.2) + 0.3 = 0.6000000000000001 ≠ (0.3 + 0.2) + 0.1 = 0.6.
    const stat = (v: number) => trialStat({ name: 'exact_match', split: 'test' }, [v]);
    const mmlu = (subject: string, v: number) =>
      ({
        ...run(`mmlu:subject=${subject},model=m_x`, 'm/x', ['mmlu'], [stat(v)]),
        suite: 'v0.3.0',
      }) as RunRecord;
    const archiveOrder = [mmlu('c', 0.3), mmlu('b', 0.2), mmlu('a', 0.1)];
    const cell = computeCellTable(archiveOrder, accuracy).cells[0]![column(accuracy, 'mmlu')]!;
    expect(cell.sum).toBe(0.1 + 0.2 + 0.3);
    expect(cell.sum).not.toBe(0.3 + 0.2 + 0.1);
    expect(cell.value).toBe((0.1 + 0.2 + 0.3) / 3);
    // Suites are read in the order given (first seen here), each sorted within.
    const order = readOrder([mmlu('z', 0), { ...mmlu('y', 0), suite: 'v0.4.0' }, mmlu('b', 0)]);
    expect(order.map((r) => `${r.suite}/${r.name.slice(13, 14)}`)).toEqual(['v0.3.0/b', 'v0.3.0/z', 'v0.4.0/y']);
  });

  it('merges a model’s runs in a group: Σsum / Σcount over trials, not a mean of run means', () => {
    const runs = [
      run(
        'boolq:model=openai_davinci,data_augmentation=canonical',
        'openai/davinci',
        ['boolq'],
        [trialStat({ name: 'quasi_exact_match', split: 'valid' }, [0.7, 0.72, 0.68])],
      ),
      run(
        'boolq:model=openai_davinci,max_train_instances=0',
        'openai/davinci',
        ['boolq'],
        [trialStat({ name: 'quasi_exact_match', split: 'valid' }, [0.5])],
      ),
    ];
    const table = computeCellTable(runs, accuracy);
    const cell = table.cells[0]![column(accuracy, 'boolq')]!;
    expect(cell.count).toBe(4);
    expect(cell.runs).toBe(2);
    expect(cell.value).toBeCloseTo((0.7 + 0.72 + 0.68 + 0.5) / 4, 12);
    expect(cell.value).not.toBeCloseTo((0.7 + 0.5) / 2, 3);
    expect(cell.description).toBe('min=0.5, mean=0.65, max=0.72, sum=2.6 (4)');
  });

  it('merges CivilComments sub-splits, so a run with one sub-split present weighs by its count', () => {
    const stats = (toxic: number[], nonToxic: number[]) => [
      trialStat({ name: 'quasi_exact_match', split: 'test', sub_split: 'toxic' }, toxic),
      trialStat({ name: 'quasi_exact_match', split: 'test', sub_split: 'non-toxic' }, nonToxic),
      trialStat({ name: 'quasi_exact_match', split: 'valid', sub_split: 'toxic' }, [0]),
    ];
    const runs = [
      run('civil_comments:demographic=all,model=m', 'a/m', ['civil_comments'], stats([0.4, 0.5, 0.6], [0.8, 0.9, 1])),
      run('civil_comments:demographic=muslim,model=m', 'a/m', ['civil_comments'], stats([1], [])),
    ];
    const cell = computeCellTable(runs, accuracy).cells[0]![column(accuracy, 'civil_comments')]!;
    expect(cell.count).toBe(7);
    expect(cell.sum).toBeCloseTo(0.4 + 0.5 + 0.6 + 0.8 + 0.9 + 1 + 1, 12);
    expect(cell.value).toBeCloseTo(5.2 / 7, 12);
  });

  it('falls back from quasi_exact_match to exact_match only when the run has no quasi_exact_match', () => {
    const runs = [
      run(
        'imdb:model=a,method=multiple_choice_separate_original',
        'a/x',
        ['imdb'],
        [trialStat({ name: 'exact_match', split: 'valid' }, [0.9])],
      ),
      run(
        'imdb:model=b',
        'b/y',
        ['imdb'],
        [
          trialStat({ name: 'exact_match', split: 'valid' }, [0.1]),
          trialStat({ name: 'quasi_exact_match', split: 'valid' }, [0.6]),
        ],
      ),
    ];
    const table = computeCellTable(runs, accuracy);
    const imdb = column(accuracy, 'imdb');
    expect(table.models).toEqual(['a/x', 'b/y']);
    expect(table.cells[0]![imdb]!.value).toBeCloseTo(0.9, 12);
    expect(table.cells[1]![imdb]!.value).toBeCloseTo(0.6, 12);
    // No fallback for other metrics: MMLU's exact_match column does not read quasi_exact_match.
    const mmlu = computeCellTable(
      [run('mmlu:model=c', 'c/z', ['mmlu'], [trialStat({ name: 'quasi_exact_match', split: 'test' }, [0.3])])],
      accuracy,
    );
    expect(mmlu.cells[0]![column(accuracy, 'mmlu')]!).toMatchObject({
      value: null,
      description: '1 matching runs, but no matching metrics',
    });
  });

  it('matches perturbations: none for accuracy, the worst case for robustness and fairness', () => {
    const stats = [
      trialStat({ name: 'exact_match', split: 'test' }, [0.5]),
      trialStat(
        {
          name: 'exact_match',
          split: 'test',
          perturbation: { name: 'robustness', robustness: true, computed_on: 'perturbed' },
        },
        [0.2],
      ),
      trialStat({ name: 'exact_match', split: 'test', perturbation: worst('robustness') }, [0.3]),
      trialStat({ name: 'exact_match', split: 'test', perturbation: worst('fairness') }, [0.4]),
      trialStat(
        { name: 'exact_match', split: 'test', perturbation: { name: 'typos', robustness: true, computed_on: 'worst' } },
        [0.1],
      ),
    ];
    const runs = [run('mmlu:subject=anatomy,model=a', 'a/x', ['mmlu'], stats)];
    const mmlu = column(accuracy, 'mmlu');
    expect(computeCellTable(runs, accuracy).cells[0]![mmlu]!.value).toBe(0.5);
    expect(computeCellTable(runs, robustness).cells[0]![column(robustness, 'mmlu')]!.value).toBe(0.3);
    const fairness = CLASSIC_SCHEMA.tables.fairness!;
    expect(computeCellTable(runs, fairness).cells[0]![column(fairness, 'mmlu')]!.value).toBe(0.4);
  });

  it('drops runs in this_group_only (ablation) groups; a model with only such runs gets no row', () => {
    const em = (value: number) => [trialStat({ name: 'exact_match', split: 'test' }, [value])];
    const runs = [
      run('mmlu:subject=anatomy,model=a', 'a/x', ['mmlu'], em(0.5)),
      run(
        'mmlu:subject=anatomy,method=multiple_choice_separate_original,model=a,groups=ablation_multiple_choice',
        'a/x',
        ['mmlu', 'ablation_multiple_choice'],
        em(0.9),
      ),
      run('mmlu:subject=anatomy,model=b,groups=ablation_prompts', 'b/y', ['ablation_prompts', 'mmlu'], em(0.1)),
    ];
    const table = computeCellTable(runs, accuracy);
    expect(table.models).toEqual(['a/x']);
    expect(table.cells[0]![column(accuracy, 'mmlu')]).toMatchObject({ value: 0.5, count: 1, runs: 1 });
  });

  it('describes HELM’s empty cells: no runs, no matching metric, count 0', () => {
    const runs = [
      run('boolq:model=a', 'a/x', ['boolq'], [trialStat({ name: 'quasi_exact_match', split: 'test' }, [0.5])]),
      run('quac:model=a', 'a/x', ['quac'], [trialStat({ name: 'f1_score', split: 'valid' }, [])]),
    ];
    const row = computeCellTable(runs, accuracy).cells[0]!;
    expect(row[column(accuracy, 'boolq')]).toMatchObject({
      value: null,
      description: '1 matching runs, but no matching metrics',
    });
    expect(row[column(accuracy, 'quac')]).toMatchObject({ value: null, count: 0, description: '(0)' });
    expect(row[column(accuracy, 'raft')]).toMatchObject({ value: null, runs: 0, description: 'No matching runs' });
  });

  it('hides the values HELM hides for models with unreliable logprobs, keeping the description', () => {
    const runs = [
      run(
        'msmarco:track=regular,model=meta_llama-2-70b',
        'meta/llama-2-70b',
        ['msmarco_regular'],
        [trialStat({ name: 'RR@10', split: 'valid' }, [0.3])],
      ),
    ];
    const cell = computeCellTable(runs, accuracy).cells[0]![column(accuracy, 'msmarco_regular')]!;
    expect(cell.value).toBeNull();
    expect(cell.description).toBe('min=0.3, mean=0.3, max=0.3, sum=0.3 (1)');
    expect(
      computeCellTable(runs, accuracy, { isValueHidden: () => false }).cells[0]![column(accuracy, 'msmarco_regular')]!
        .value,
    ).toBe(0.3);
  });

  it('orders rows as HELM: schema order with unlisted models first and alphabetical, or first-seen', () => {
    const em = [trialStat({ name: 'exact_match', split: 'test' }, [0.5])];
    const runs = [
      run('mmlu:model=openai_davinci', 'openai/davinci', ['mmlu'], em, 'openai/davinci'),
      run('mmlu:model=zeta_new', 'zeta/new', ['mmlu'], em),
      run('mmlu:model=ai21_j1-jumbo', 'ai21/j1-jumbo', ['mmlu'], em),
      run('mmlu:model=alpha_new', 'alpha/new', ['mmlu'], em),
    ];
    const table = computeCellTable(runs, accuracy, { rowOrder: CLASSIC_SCHEMA.rowOrder });
    expect(table.models).toEqual(['alpha/new', 'zeta/new', 'ai21/j1-jumbo', 'openai/davinci']);
    expect(table.deployments![3]).toEqual(['openai/davinci']);
    // First seen in HELM's read order: run directories sorted by name, whatever the archive order.
    expect(computeCellTable(runs, accuracy, { rowOrderRule: 'first-seen' }).models).toEqual([
      'ai21/j1-jumbo',
      'alpha/new',
      'openai/davinci',
      'zeta/new',
    ]);
    expect(sortModels(['b', 'a'], [])).toEqual(['a', 'b']);
    expect(
      firstSeenOrder(
        [
          { model: 'x', groups: ['boolq'] },
          { model: 'y', groups: ['mmlu'] },
        ],
        ['mmlu', 'boolq'],
      ),
    ).toEqual(['y', 'x']);
  });
});

describe('isStatNeeded', () => {
  it('keeps the stats some column can match and drops the rest', () => {
    const needed = (name: MetricName) => isStatNeeded(trialStat(name, [1]), CLASSIC_SCHEMA);
    expect(needed({ name: 'quasi_exact_match', split: 'valid' })).toBe(true);
    expect(needed({ name: 'exact_match', split: 'valid' })).toBe(true); // the fallback of quasi_exact_match
    expect(needed({ name: 'quasi_exact_match', split: 'test', sub_split: 'toxic' })).toBe(true);
    expect(needed({ name: 'ece_10_bin', split: 'test' })).toBe(true);
    expect(needed({ name: 'inference_denoised_runtime', split: 'valid' })).toBe(true);
    expect(needed({ name: 'f1_score', split: 'valid', perturbation: worst('fairness') })).toBe(true);
    expect(
      needed({ name: 'f1_score', split: 'valid', perturbation: { name: 'fairness', computed_on: 'perturbed' } }),
    ).toBe(false);
    expect(needed({ name: 'exact_match', split: 'train' })).toBe(false);
    expect(needed({ name: 'bleu_4', split: 'test' })).toBe(false);
    expect(isStatNeeded(trialStat({ name: 'bleu_4', split: 'test' }, [1]), LITE_SCHEMA)).toBe(true);
  });

  it('is exactly "matchesStatName against some column" (one lookup instead of a scan), on every schema', () => {
    for (const schema of [CLASSIC_SCHEMA, LITE_SCHEMA, CAPABILITIES_SCHEMA]) {
      const columns = Object.values(schema.tables).flatMap((table) => table ?? []);
      const metrics = [...new Set(columns.flatMap((column) => [column.metric, 'exact_match', 'x']))];
      const splits = [...new Set(columns.map((column) => column.split)), undefined, 'other'];
      const perturbations = [
        undefined,
        ...['robustness', 'fairness', 'typos'].flatMap((name) =>
          [undefined, 'worst', 'perturbed'].map((computed_on) => ({ name, ...(computed_on ? { computed_on } : {}) })),
        ),
      ];
      let kept = 0;
      for (const metric of metrics)
        for (const split of splits)
          for (const perturbation of perturbations) {
            const name: MetricName = {
              name: metric,
              ...(split !== undefined ? { split } : {}),
              ...(perturbation ? { perturbation } : {}),
            };
            const scan = columns.some(
              (column) =>
                matchesStatName(name, column) ||
                (column.metric === 'quasi_exact_match' && matchesStatName(name, column, 'exact_match')),
            );
            expect(isStatNeeded(trialStat(name, [1]), schema), JSON.stringify(name)).toBe(scan);
            if (scan) kept += 1;
          }
      expect(kept).toBeGreaterThan(0);
    }
  });
});
