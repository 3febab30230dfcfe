/**
 * Import results must not change when the importer changes for speed (issue #12): every archive shape the tests
 * use — the fixture boards, a Lite board, a padded Classic-sized sample, a deliberately messy archive, and the real
 * HELM runs of ../shared/data (zipped and as folders) — imports to the recorded digests (same index, cells, mean
 * win rates, kept stats and warnings). The digests in import-digests.json were recorded with the importer as it
 * was before the rewrite; re-record only for a deliberate format change:
 *   HELM_RANK_RECORD_IMPORT_DIGESTS=1 npx vitest run src-main/services/leaderboards/import-equivalence.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureLeaderboardZip } from '../../demo/fixture-leaderboard';
import { classicArchiveEntries } from '../../../dev/testing/classic-archive';
import { fixtureArchiveEntries, fixtureRunName, fixtureRunSpec, fixtureStats } from '../../demo/helm-run-fixture';
import type { FixtureRun } from '../../demo/helm-run-fixture';
import { builtEntry } from '../../../dev/testing/built-app';
import { digestBoard } from '../../../dev/testing/import-digest';
import type { ImportDigest } from '../../../dev/testing/import-digest';
import { sharedData, sharedPath } from '../../../dev/testing/shared-data';
import type { ZipEntryInput } from '../../demo/zip-writer';
import { buildZip } from '../../demo/zip-writer';
import { LeaderboardService } from './leaderboard-service';
import { classicFixtureRuns } from '../../../dev/testing/leaderboard-fixtures';

const GOLDEN = new URL('./import-digests.json', import.meta.url);
const RECORD = process.env.HELM_RANK_RECORD_IMPORT_DIGESTS === '1';

/** A messy archive: every way a run can be bad, odd but valid shapes, stored and deflated entries, any order. */
function messyEntries(): ZipEntryInput[] {
  const runs = classicFixtureRuns(['m/alpha', 'm/beta-ü'], 1);
  const entries: ZipEntryInput[] = [];
  const add = (run: FixtureRun, stats: string | null, spec: string | null = fixtureRunSpec(run), suite = 'v0.3.0') => {
    const directory = `deep/prefix/benchmark_output/runs/${suite}/${fixtureRunName(run)}/`;
    // stats first for every other run, stored (not deflated) for every third
    const files: ZipEntryInput[] = [];
    if (spec !== null) files.push({ name: `${directory}run_spec.json`, data: spec });
    if (stats !== null) files.push({ name: `${directory}stats.json`, data: stats });
    const index = entries.length;
    if (index % 2 === 1) files.reverse();
    entries.push(
      { name: directory, data: '' },
      ...files.map((file, k) => ({
        ...file,
        method: (index + k) % 3 === 0 ? ('store' as const) : ('deflate' as const),
      })),
      { name: `${directory}per_instance_stats.json`, data: '[]' },
    );
  };
  runs.forEach((run, index) => {
    const stats = fixtureStats(run);
    switch (index) {
      case 3: // not JSON
        return add(run, '{ broken');
      case 4: // Python's NaN in a stat no table reads: the whole file fails validation, as before
        return add(run, stats.replace('"sum": 1.5', '"sum": NaN'));
      case 5: // Infinity in the main metric
        return add(run, stats.replace(/"sum": [0-9.e-]+/, '"sum": Infinity'));
      case 6: // a byte-order mark
        return add(run, `\uFEFF${stats}`);
      case 7: // valid JSON, not a stats list
        return add(run, '{"stats": []}');
      case 8: // run_spec.json only
        return add(run, null);
      case 9: // stats.json only
        return add(run, stats, null);
      case 10: // a count that is not a whole number
        return add(run, stats.replace('"count": 3', '"count": 2.5'));
      case 11: // odd but valid: exponents, -0, extra fields, empty and sub-split stats, old run_spec without groups
        return add(
          run,
          JSON.stringify([
            ...JSON.parse(stats),
            {
              name: { name: run.metric, split: run.split, sub_split: 'toxic', extra: [1] },
              count: 0,
              sum: 0,
              sum_squared: 0,
            },
            {
              name: { name: run.metric, split: run.split, sub_split: 'non-toxic' },
              count: 3,
              sum: 1e-7,
              sum_squared: -0.0,
            },
            {
              name: { name: 'num_prompt_tokens', split: run.split },
              count: 3,
              sum: 1.5e3,
              sum_squared: 7.5e5,
              note: 'x',
            },
          ]),
          JSON.stringify({ ...JSON.parse(fixtureRunSpec(run)), groups: undefined, extra: { deep: true } }),
        );
      default:
        return add(run, stats);
    }
  });
  // The same run again in another suite: skipped as a duplicate.
  const first = runs[0]!;
  add(first, fixtureStats(first), fixtureRunSpec(first), 'v0.3.1');
  return entries;
}

interface Case {
  readonly name: string;
  /** Writes the source into `dir` and returns its path. */
  readonly write: (dir: string) => Promise<string>;
  readonly needsSharedData?: boolean;
}

function zipCase(name: string, entries: () => ZipEntryInput[], file = `${name}.zip`): Case {
  return {
    name,
    write: async (dir) => {
      const path = join(dir, file);
      await mkdir(join(path, '..'), { recursive: true });
      await writeFile(path, buildZip(entries()));
      return path;
    },
  };
}

/** The real runs of ../shared/data: every_eval_ever's three recent-HELM runs and helm-examples' Classic-era run. */
function sharedRunDirectories(): string[] {
  if (!sharedData) return [];
  const recent = sharedPath('every_eval_ever', 'tests_data_helm');
  return [...readdirSync(recent).map((name) => join(recent, name)), sharedPath('helm-examples', 'run')];
}

const CASES: readonly Case[] = [
  {
    name: 'fixture-board',
    write: async (dir) => {
      const path = join(dir, 'fixture-board.zip');
      await mkdir(dir, { recursive: true });
      await writeFile(path, buildFixtureLeaderboardZip());
      return path;
    },
  },
  zipCase('service-fixture', () => fixtureArchiveEntries(classicFixtureRuns(['a/x', 'b/y', 'c/z'], 2))),
  zipCase('lite-board', () => fixtureArchiveEntries(classicFixtureRuns(['a/x', 'b/y'], 1)), 'lite/run_stats.zip'),
  zipCase('padded-classic', () => [...classicArchiveEntries({ models: 3, runsPerModel: 24, statsBytes: 45_000 })]),
  zipCase('messy', messyEntries),
  {
    name: 'shared-runs-zip',
    needsSharedData: true,
    write: async (dir) => {
      const entries = sharedRunDirectories().flatMap((runDir, index) =>
        ['run_spec.json', 'stats.json', 'scenario.json'].map((file) => ({
          name: `benchmark_output/runs/suite-${index}/${runDir.split('/').pop()}/${file}`,
          data: readFileSync(join(runDir, file)),
        })),
      );
      const path = join(dir, 'shared-runs.zip');
      await mkdir(dir, { recursive: true });
      await writeFile(path, buildZip(entries));
      return path;
    },
  },
  {
    name: 'shared-runs-folder',
    needsSharedData: true,
    write: async () => sharedPath('every_eval_ever', 'tests_data_helm'),
  },
  {
    name: 'shared-classic-run-folder',
    needsSharedData: true,
    write: async () => sharedPath('helm-examples', 'run'),
  },
];

let dir = '';
let golden: Record<string, ImportDigest> = {};
const recorded: Record<string, ImportDigest> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'helm-rank-import-eq-'));
  golden = RECORD ? {} : (JSON.parse(await readFile(GOLDEN, 'utf8')) as Record<string, ImportDigest>);
});

afterAll(async () => {
  if (RECORD) await writeFile(GOLDEN, `${JSON.stringify(recorded, null, 2)}\n`);
  await rm(dir, { recursive: true, force: true });
});

// In this thread (as from the sources) and on two worker threads of the build (as users run it).
describe.each([
  ['in-thread', { count: 0, entry: '' }],
  ['2 import workers and this thread', { count: 2, entry: builtEntry('import-worker') }],
])('import results are the recorded ones (issue #12: same index, cells and mean win rates), %s', (mode, workers) => {
  for (const testCase of CASES) {
    it.skipIf(testCase.needsSharedData && !sharedData)(testCase.name, async () => {
      const source = await testCase.write(join(dir, 'sources'));
      const dataDir = join(dir, `${testCase.name}-${workers.count}`);
      const service = new LeaderboardService({ dataDir, catalogue: [], importWorkers: workers });
      const { jobId } = await service.startImport({ source, name: 'board' });
      const result = await service.waitForJob(jobId);
      expect(result.error).toBeNull();
      const digest = await digestBoard(dataDir, 'board', {
        [dir]: '<tmp>',
        ...(sharedData ? { [sharedData]: '<shared>' } : {}),
      });
      if (RECORD && mode === 'in-thread') recorded[testCase.name] = digest;
      else expect(digest).toEqual(golden[testCase.name]);
    });
  }
});
