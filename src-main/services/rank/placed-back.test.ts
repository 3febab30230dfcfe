/**
 * Issue #11: a board model taken out of its board and placed back from its own full run directories (every run
 * observed all of its main-split items) gets its exact rank and a zero-width interval, on a Classic board
 * (legacy rule, CivilComments sub-splits) and on a Lite board (current rule).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnsFor, schemaFor } from '../../../src-shared/leaderboard/schema';
import { meanWinRates, rankRows } from '../../../src-shared/leaderboard/win-rate';
import { createRng } from '../../../src-shared/rank/prng';
import type { IndexedRun, LeaderboardIndex } from '../leaderboards/leaderboard-index';
import { rankRuns } from './rank-service';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'helm-rank-placed-back-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** One run of the fixture: its name, group, main split, sub-splits and main-split size. */
interface RunShape {
  readonly name: string;
  readonly group: string;
  readonly metric: string;
  readonly split: string;
  readonly subSplits: readonly string[];
  readonly size: number;
  readonly binary: boolean;
}

/** HELM's run name: `<scenario>:<args>`, the model appended to the arguments. */
function runName(shape: RunShape, model: string): string {
  return `${shape.name}${shape.name.includes(':') ? ',' : ':'}model=${model.replace('/', '_')}`;
}

function stat(metric: string, split: string, value: number, subSplit?: string) {
  return {
    name: { name: metric, split, ...(subSplit ? { sub_split: subSplit } : {}) },
    count: 1,
    sum: value,
    sum_squared: value * value,
    min: value,
    max: value,
    mean: value,
  };
}

/** Per-instance values of one model in one run (per sub-split), drawn once and reused for board and user. */
function runValues(shape: RunShape, skill: number, seed: number): number[][] {
  const rng = createRng(seed);
  return (shape.subSplits.length > 0 ? shape.subSplits : ['']).map((_, s) =>
    Array.from({ length: shape.size }, () => {
      const p = Math.min(0.95, Math.max(0.05, skill + 0.1 * rng.normal() + 0.05 * s));
      return shape.binary ? (rng.next() < p ? 1 : 0) : Math.round(p * rng.next() * 2 * 100) / 100;
    }),
  );
}

async function writeUserRun(directory: string, shape: RunShape, model: string, values: number[][]): Promise<void> {
  await mkdir(directory, { recursive: true });
  const spec = {
    name: runName(shape, model),
    scenario_spec: { class_name: 'x', args: {} },
    adapter_spec: { method: 'generation', model, model_deployment: model },
    metric_specs: [],
    groups: [shape.group],
  };
  const entries = values.flatMap((row, s) =>
    row.map((value, i) => ({
      instance_id: `id${s}-${i}`,
      train_trial_index: 0,
      stats: [stat(shape.metric, shape.split, value, shape.subSplits[s])],
    })),
  );
  await writeFile(join(directory, 'run_spec.json'), JSON.stringify(spec));
  await writeFile(join(directory, 'per_instance_stats.json'), JSON.stringify(entries));
}

/** Builds a board of K models on `shapes`, takes model `held` out, places it back from its full runs. */
async function placeBack(project: 'classic' | 'lite', shapes: readonly RunShape[], K: number, held: number) {
  const schema = schemaFor(project);
  const columns = columnsFor(schema, 'accuracy');
  const rng = createRng(11);
  const models = Array.from({ length: K }, (_, j) => `org/m${String(j).padStart(2, '0')}`);
  const skills = models.map(() => 0.2 + 0.6 * rng.next());
  const data = models.map((_, j) => shapes.map((shape, r) => runValues(shape, skills[j] as number, 1000 * j + r)));
  // HELM's cell: the mean over sub-splits of each sub-split's mean (Σsum / Σcount with count 1 per sub-split).
  const cell = (j: number, group: string): number | null => {
    const means = shapes.flatMap((shape, r) =>
      shape.group === group ? (data[j]?.[r] ?? []).map((row) => row.reduce((a, b) => a + b, 0) / row.length) : [],
    );
    return means.length > 0 ? means.reduce((a, b) => a + b, 0) / means.length : null;
  };
  const values = models.map((_, j) => columns.map((column) => cell(j, column.group)));
  const lowerIsBetter = columns.map((column) => column.lowerIsBetter);
  const rule = project === 'classic' ? 'legacy' : 'current';
  const expectedRank = rankRows(meanWinRates(values, lowerIsBetter, { rule }))[held] as number;
  const kept = models.map((_, j) => j).filter((j) => j !== held);
  const runs: IndexedRun[] = kept.flatMap((j) =>
    shapes.map((shape) => ({
      name: runName(shape, models[j] as string),
      model: models[j] as string,
      modelDeployment: '',
      groups: [shape.group],
      suite: 'v1',
      numInstances: { [shape.split]: shape.size * Math.max(1, shape.subSplits.length) },
    })),
  );
  const index: LeaderboardIndex = {
    formatVersion: 1,
    name: `${project}-board`,
    catalogueId: null,
    title: project,
    project,
    release: 'v0.3.0',
    kind: 'run-archive',
    winRateRule: rule,
    importedAt: '2026-01-01T00:00:00Z',
    models: kept.map((j) => models[j] as string),
    displayNames: kept.map(() => null),
    runs,
    tables: { accuracy: { columns: [...columns], values: kept.map((j) => values[j] ?? []), cells: null } },
    warnings: [],
  };
  const leaderboardsDir = join(root, project, 'leaderboards');
  await mkdir(join(leaderboardsDir, index.name), { recursive: true });
  await writeFile(join(leaderboardsDir, index.name, 'index.json'), JSON.stringify(index));
  const suite = join(root, project, 'runs');
  await Promise.all(
    shapes.map((shape, r) =>
      writeUserRun(join(suite, `run${r}`), shape, models[held] as string, data[held]?.[r] ?? []),
    ),
  );
  const report = await rankRuns({
    path: suite,
    leaderboardsDir,
    leaderboard: index.name,
    resamples: 200,
    calibrationResamples: 100,
    calibrationDraws: 1,
    seed: 2,
  });
  return { report, expectedRank };
}

describe('a board model placed back from its full run directories', () => {
  it('gets its exact rank and a zero-width interval on a Classic board (legacy rule, CivilComments sub-splits)', async () => {
    const shapes: RunShape[] = [
      {
        name: 'boolq',
        group: 'boolq',
        metric: 'quasi_exact_match',
        split: 'valid',
        subSplits: [],
        size: 60,
        binary: true,
      },
      {
        name: 'narrative_qa',
        group: 'narrative_qa',
        metric: 'f1_score',
        split: 'test',
        subSplits: [],
        size: 30,
        binary: false,
      },
      {
        name: 'civil_comments:demographic=all',
        group: 'civil_comments',
        metric: 'quasi_exact_match',
        split: 'test',
        subSplits: ['toxic', 'non-toxic'],
        size: 25,
        binary: true,
      },
    ];
    const { report, expectedRank } = await placeBack('classic', shapes, 24, 9);
    expect(report.certain).toBe(true);
    expect(report.rank).toBe(expectedRank);
    expect(report.rankInterval).toEqual([expectedRank, expectedRank]);
    expect(report.rawRankInterval).toEqual([expectedRank, expectedRank]);
    expect(report.meanWinRateInterval[0]).toBeCloseTo(report.meanWinRateInterval[1], 12);
    expect(Object.values(report.probRankAtMost).every((p) => p === 0 || p === 1)).toBe(true);
    expect(report.warnings.filter((w) => /resembles/.test(w))).toEqual([]);
    expect(report.calibration?.description).toMatch(/^exact/);
  });

  it('gets its exact rank and a zero-width interval on a Lite board (current rule)', async () => {
    const shapes: RunShape[] = [
      {
        name: 'narrative_qa',
        group: 'narrative_qa',
        metric: 'f1_score',
        split: 'test',
        subSplits: [],
        size: 40,
        binary: false,
      },
      {
        name: 'openbookqa',
        group: 'openbookqa',
        metric: 'exact_match',
        split: 'test',
        subSplits: [],
        size: 50,
        binary: true,
      },
      {
        name: 'mmlu:subject=abstract_algebra',
        group: 'mmlu',
        metric: 'exact_match',
        split: 'test',
        subSplits: [],
        size: 30,
        binary: true,
      },
    ];
    const { report, expectedRank } = await placeBack('lite', shapes, 22, 4);
    expect(report.certain).toBe(true);
    expect(report.rank).toBe(expectedRank);
    expect(report.rankInterval).toEqual([expectedRank, expectedRank]);
  });
});
