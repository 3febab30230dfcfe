/**
 * Classic-scale run archives for the import benchmark: `models × runsPerModel` runs in HELM's layout
 * (`benchmark_output/runs/v0.3.0/<run name>/{run_spec.json,stats.json}`), every Classic accuracy column per model
 * and the extra runs spread over MMLU subjects, RAFT subsets and CivilComments demographics as in Classic. Each
 * `stats.json` is padded with more real-looking stats (HELM's bias, toxicity and efficiency metrics, unperturbed
 * and worst-case) up to `statsBytes`, the size of real Classic files (45–55 KB). Written by streaming, one entry
 * in memory at a time, and cached in the OS temp folder by shape (building the 8,500-run archive takes a while).
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLASSIC_SCHEMA } from '../../src-shared/leaderboard/schema';
import { fixtureRunName, fixtureRunSpec, fixtureStats } from '../../src-main/demo/helm-run-fixture';
import type { FixtureRun } from '../../src-main/demo/helm-run-fixture';
import type { ZipEntryInput } from '../../src-main/demo/zip-writer';
import { writeZipFile } from '../../src-main/demo/zip-writer';

export interface ArchiveShape {
  readonly models: number;
  readonly runsPerModel: number;
  /** Target size of each stats.json in bytes (it ends at the first stat past it). */
  readonly statsBytes: number;
}

/** The issue #12 archives: the 2,352-run test archive and a real-Classic-sized one, both at 45 KB per stats.json. */
export const ARCHIVE_2352: ArchiveShape = { models: 28, runsPerModel: 84, statsBytes: 45_000 };
export const ARCHIVE_8500: ArchiveShape = { models: 68, runsPerModel: 125, statsBytes: 45_000 };

/** Every accuracy column once per model, then MMLU / RAFT / CivilComments variants up to `runsPerModel`. */
export function classicRuns(shape: Pick<ArchiveShape, 'models' | 'runsPerModel'>): FixtureRun[] {
  const columns = CLASSIC_SCHEMA.tables.accuracy ?? [];
  const multi = columns.filter((column) => ['mmlu', 'raft', 'civil_comments'].includes(column.group));
  const runs: FixtureRun[] = [];
  for (let m = 0; m < shape.models; m += 1) {
    const model = `bench-org/model-${String(m).padStart(2, '0')}`;
    let count = 0;
    for (const [c, column] of columns.entries()) {
      runs.push({
        group: column.group,
        model,
        metric: column.metric,
        split: column.split,
        value: ((m * 7 + c * 13) % 100) / 100,
      });
      count += 1;
    }
    for (let k = 0; count < shape.runsPerModel; k += 1, count += 1) {
      const column = multi[k % multi.length]!;
      runs.push({
        group: column.group,
        model,
        metric: column.metric,
        split: column.split,
        value: ((m * 3 + k * 11) % 100) / 100,
        variant: `subset=s${k}`,
      });
    }
  }
  return runs;
}

const PADDING_METRICS = [
  'bias_metric:mode=associations,demographic_category=race,target_category=adjective',
  'bias_metric:mode=associations,demographic_category=race,target_category=profession',
  'bias_metric:mode=associations,demographic_category=gender,target_category=adjective',
  'bias_metric:mode=associations,demographic_category=gender,target_category=profession',
  'bias_metric:mode=representation,demographic_category=race',
  'bias_metric:mode=representation,demographic_category=gender',
  'expected_max_toxicity',
  'max_toxicity_probability',
  'toxic_frac',
  'training_co2_cost',
  'training_energy_cost',
  'inference_idealized_runtime',
  'inference_denoised_runtime',
  'perplexity',
  'bits_per_byte',
  'logprob_per_byte',
  'monte_carlo_entropy',
  'self_bleu',
];
const PADDING_PERTURBATIONS = [
  undefined,
  { name: 'robustness', robustness: true, fairness: false, computed_on: 'worst' },
  { name: 'fairness', robustness: false, fairness: true, computed_on: 'worst' },
  {
    name: 'dialect',
    robustness: false,
    fairness: true,
    computed_on: 'perturbed',
    prob: 1.0,
    source_class: 'SAE',
    target_class: 'AAVE',
    mapping_file_path: null,
  },
];

/** The fixture's stats.json with padding stats appended until it reaches `bytes`. */
export function paddedStats(run: FixtureRun, bytes: number): string {
  const base = fixtureStats(run);
  if (Buffer.byteLength(base) >= bytes) return base;
  const stats = JSON.parse(base) as unknown[];
  let size = Buffer.byteLength(base);
  for (let index = 0; size < bytes; index += 1) {
    const metric = PADDING_METRICS[index % PADDING_METRICS.length]!;
    const perturbation =
      PADDING_PERTURBATIONS[Math.floor(index / PADDING_METRICS.length) % PADDING_PERTURBATIONS.length];
    const value = ((index * 37) % 1000) / 1000 + run.value / 10;
    const stat = {
      name: { name: metric, split: run.split, ...(perturbation ? { perturbation } : {}) },
      count: 3,
      sum: value * 3,
      sum_squared: value * value * 3,
      min: value,
      max: value,
      mean: value,
      variance: 0.0,
      stddev: 0.0,
    };
    stats.push(stat);
    size += Buffer.byteLength(JSON.stringify(stat, null, 2)) + 8;
  }
  return JSON.stringify(stats, null, 2);
}

/** The archive's entries in order (run_spec.json, then stats.json, per run). */
export function* classicArchiveEntries(shape: ArchiveShape): Generator<ZipEntryInput> {
  for (const run of classicRuns(shape)) {
    const directory = `benchmark_output/runs/v0.3.0/${fixtureRunName(run)}/`;
    yield { name: `${directory}run_spec.json`, data: fixtureRunSpec(run) };
    yield { name: `${directory}stats.json`, data: paddedStats(run, shape.statsBytes) };
  }
}

/** Path of the archive of `shape`, building it on first use (in the OS temp folder, reused across runs). */
export async function classicArchive(shape: ArchiveShape): Promise<{ path: string; runs: number; built: boolean }> {
  const dir = join(tmpdir(), 'helm-rank-bench-archives-v1');
  const path = join(dir, `classic-${shape.models}x${shape.runsPerModel}-${shape.statsBytes}.zip`);
  const runs = shape.models * shape.runsPerModel;
  if (existsSync(path) && (await stat(path)).size > 0) return { path, runs, built: false };
  await mkdir(dir, { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  await writeZipFile(partial, classicArchiveEntries(shape));
  await rename(partial, path);
  return { path, runs, built: true };
}
