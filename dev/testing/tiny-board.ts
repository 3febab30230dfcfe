/**
 * A small Classic-shaped board written straight as `leaderboards/tiny/index.json`: `models` models with random skills
 * on every accuracy column (every fifth model lacks the last five), release `test-1`, and one NarrativeQA run for
 * the board's own counts (355 test items). Big enough for a calibration (K ≥ 19), quick to write.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { columnsFor, schemaFor } from '../../src-shared/leaderboard/schema';
import { createRng } from '../../src-shared/rank/prng';
import type { LeaderboardIndex } from '../../src-main/services/leaderboards/leaderboard-index';
import { writeCachedRun } from '../../src-main/services/board-instances/instance-store';

const columns = columnsFor(schemaFor('classic'), 'accuracy');

export function tinyBoardIndex(models: number): LeaderboardIndex {
  const rng = createRng(21);
  const names = Array.from({ length: models }, (_, i) => `org/model-${String(i).padStart(2, '0')}`);
  const skill = names.map(() => rng.next());
  return {
    formatVersion: 1,
    name: 'tiny',
    catalogueId: null,
    title: 'Tiny Classic-shaped board',
    project: 'classic',
    release: 'test-1',
    kind: 'run-archive',
    winRateRule: 'current',
    importedAt: '2026-01-01T00:00:00Z',
    models: names,
    displayNames: names.map(() => null),
    runs: [
      {
        name: 'narrative_qa:model=org_model-00,data_augmentation=canonical',
        model: 'org/model-00',
        modelDeployment: '',
        groups: ['narrative_qa'],
        suite: 'v',
        numInstances: { test: 355, valid: 115 },
        tokensPerRequest: { test: { prompt: 1500, output: 10 }, valid: { prompt: 9, output: 1 } },
      },
    ],
    tables: {
      accuracy: {
        columns: [...columns],
        values: skill.map((s, i) =>
          columns.map((_, c) =>
            i % 5 === 0 && c > 10 ? null : Math.round(Math.min(1, Math.max(0, s + 0.1 * rng.normal())) * 1000) / 1000,
          ),
        ),
        cells: null,
      },
    },
    warnings: [],
  };
}

/** Writes {@link tinyBoardIndex} as the board `tiny` under `leaderboardsDir` (nothing calibrated yet). */
export async function writeTinyBoard(leaderboardsDir: string, models = 30): Promise<void> {
  await mkdir(join(leaderboardsDir, 'tiny'), { recursive: true });
  await writeFile(join(leaderboardsDir, 'tiny', 'index.json'), JSON.stringify(tinyBoardIndex(models)));
}

/**
 * The board's per-instance data for its NarrativeQA run, as `helm-rank leaderboard instances` caches it: each model's
 * 355 test items with graded values, so plans of that scenario are calibrated on real (here: fixed) data.
 */
export async function writeTinyBoardInstances(leaderboardsDir: string, models = 30): Promise<void> {
  const ids = Array.from({ length: 355 }, (_, i) => `id${i}`);
  for (const [j, model] of tinyBoardIndex(models).models.entries()) {
    await writeCachedRun(join(leaderboardsDir, 'tiny'), {
      formatVersion: 1,
      run: `narrative_qa:model=${model.replace('/', '_')},data_augmentation=canonical`,
      suite: 'v',
      model,
      column: 'narrative_qa',
      metric: 'f1_score',
      split: 'test',
      subSplits: { '': { ids, values: ids.map((_, i) => ((i * 7 + j * 3) % 10) / 10) } },
      otherSplitIds: [],
      fetchedAt: '2026-01-01T00:00:00Z',
    });
  }
}

/** Classic's MMLU subjects with their test (main-split) counts in HELM's full runs. */
export const TINY_RELEASE_MMLU: readonly (readonly [string, number])[] = [
  ['abstract_algebra', 100],
  ['college_chemistry', 100],
  ['computer_security', 100],
  ['econometrics', 114],
  ['us_foreign_policy', 100],
];

/**
 * {@link tinyBoardIndex} as a release-file board (`tiny-release`): imported from a release's published tables, like
 * Classic v0.4.0 and Lite, so the index keeps no runs and the board's layout is the family's (Classic's 38 runs).
 */
export function tinyReleaseBoardIndex(models = 30): LeaderboardIndex {
  return { ...tinyBoardIndex(models), name: 'tiny-release', kind: 'release-files', winRateRule: 'legacy', runs: [] };
}

export async function writeTinyReleaseBoard(leaderboardsDir: string, models = 30): Promise<void> {
  await mkdir(join(leaderboardsDir, 'tiny-release'), { recursive: true });
  await writeFile(join(leaderboardsDir, 'tiny-release', 'index.json'), JSON.stringify(tinyReleaseBoardIndex(models)));
}

/**
 * The release board's per-instance data for BoolQ (1,000 valid items) and the five MMLU subjects, cached as
 * `helm-rank leaderboard instances` does from the release's runs (named as in its `runs_to_run_suites.json`): each
 * model's 0/1 items drawn around its published cell, in the leaderboard run's item order.
 */
export async function writeTinyReleaseInstances(leaderboardsDir: string, models = 30): Promise<void> {
  const index = tinyReleaseBoardIndex(models);
  const columns = index.tables.accuracy?.columns ?? [];
  const rng = createRng(5);
  const runs = [
    { base: 'boolq:', column: 'boolq', size: 1000 },
    ...TINY_RELEASE_MMLU.map(([subject, size]) => ({
      base: `mmlu:subject=${subject},method=multiple_choice_joint,`,
      column: 'mmlu',
      size,
    })),
  ];
  for (const [j, model] of index.models.entries()) {
    for (const { base, column, size } of runs) {
      const c = columns.findIndex((spec) => spec.group === column);
      const spec = columns[c];
      const cell = index.tables.accuracy?.values[j]?.[c] ?? 0.5;
      const ids = Array.from({ length: size }, (_, i) => `id${i}`);
      await writeCachedRun(join(leaderboardsDir, 'tiny-release'), {
        formatVersion: 1,
        run: `${base}model=${model.replace('/', '_')},data_augmentation=canonical`,
        suite: 'v0.3.0',
        model,
        column,
        metric: spec?.metric ?? 'exact_match',
        split: spec?.split ?? 'test',
        subSplits: { '': { ids, values: ids.map(() => (rng.next() < cell ? 1 : 0)) } },
        otherSplitIds: [],
        fetchedAt: '2026-01-01T00:00:00Z',
      });
    }
  }
}
