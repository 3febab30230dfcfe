import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Stat } from '../../../src-shared/helm/stat';
import { CLASSIC_SCHEMA } from '../../../src-shared/leaderboard/schema';
import { sharedData, sharedPath } from '../../../dev/testing/shared-data';
import { fixtureArchiveEntries, fixtureRunName } from '../../demo/helm-run-fixture';
import { buildZip } from '../../demo/zip-writer';
import { RunCollector } from './run-collector';
import { EXACT_VALIDATORS } from './run-file-exact';
import { DEFAULT_IMPORT_BUDGET } from './import-budget';
import { readFolderRunFiles, readZipRunFiles } from './run-files';
import { zipRunBatches } from './zip-entries';
import type { RunFile } from './run-files';
import { LeaderboardService } from './leaderboard-service';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'helm-rank-runfiles-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function zipFiles(entries: Parameters<typeof buildZip>[0]): Promise<RunFile[]> {
  const path = join(dir, 'a.zip');
  await writeFile(path, buildZip(entries));
  const files: RunFile[] = [];
  await readZipRunFiles(path, (file) => files.push(file));
  return files;
}

describe('readZipRunFiles', () => {
  const run = { group: 'boolq', model: 'openai/davinci', metric: 'quasi_exact_match', split: 'valid', value: 0.5 };

  it('reads only run_spec.json and stats.json, under any prefix, stored or deflated', async () => {
    const [spec, stats] = fixtureArchiveEntries([run], 'deep/prefix/runs/v0.3.0/');
    const files = await zipFiles([
      { ...spec!, method: 'store' },
      stats!,
      { name: `deep/prefix/runs/v0.3.0/${fixtureRunName(run)}/scenario_state.json`, data: '{}' },
    ]);
    expect(files.map((file) => file.kind)).toEqual(['run_spec', 'stats']);
    expect(files[0]?.directory).toBe(`deep/prefix/runs/v0.3.0/${fixtureRunName(run)}`);
    expect(JSON.parse(files[1]?.text ?? '')).toHaveLength(JSON.parse(String(stats!.data)).length);
  });

  it('counts the runs of an archive from its directory alone (the import bar’s total)', async () => {
    const runs = ['openai/davinci', 'ai21/j1-jumbo', 'meta/opt-175b'].map((model) => ({ ...run, model }));
    const path = join(dir, 'count.zip');
    await writeFile(
      path,
      buildZip([
        ...fixtureArchiveEntries(runs, 'benchmark_output/runs/v0.3.0/'),
        { name: 'benchmark_output/runs/v0.3.0/run_spec.json/', data: '' },
        { name: 'benchmark_output/runs/v0.3.0/other/scenario_state.json', data: '{}' },
      ]),
    );
    const counted: number[] = [];
    const batches = zipRunBatches(path, { budget: DEFAULT_IMPORT_BUDGET, onRuns: (runs) => counted.push(runs) });
    await batches.next(); // the directory is read, and the first batch with it
    expect(counted).toEqual([3]);
    await batches.return(undefined);
  });

  it('rejects absolute paths, oversized and over-compressed entries', async () => {
    await expect(zipFiles([{ name: '/etc/stats.json', data: '[]' }])).rejects.toMatchObject({
      code: 'import.unsafe-archive',
    });
    await expect(
      zipFiles([{ name: 'r/x/stats.json', data: '[]', declaredSize: DEFAULT_IMPORT_BUDGET.fileBytes + 1 }]),
    ).rejects.toMatchObject({ code: 'import.over-budget' });
    await expect(zipFiles([{ name: 'r/x/stats.json', data: Buffer.alloc(8 * 1024 * 1024, 32) }])).rejects.toThrow(
      /zip bomb/,
    );
  });

  it('detects a CRC mismatch', async () => {
    const zip = buildZip([{ name: 'r/x/stats.json', data: '[1,2,3]', method: 'store' }]);
    const at = zip.indexOf('[1,2,3]');
    zip.write('[9', at);
    await writeFile(join(dir, 'b.zip'), zip);
    await expect(readZipRunFiles(join(dir, 'b.zip'), () => undefined)).rejects.toThrow(/CRC-32/);
  });
});

describe('RunCollector', () => {
  it('warns about a run missing its stats.json, by name', () => {
    const collector = new RunCollector(CLASSIC_SCHEMA);
    const run = { group: 'imdb', model: 'a/b', metric: 'quasi_exact_match', split: 'valid', value: 0.5 };
    const [spec] = fixtureArchiveEntries([run]);
    collector.add(
      { directory: spec!.name.replace(/\/run_spec\.json$/, ''), kind: 'run_spec', text: String(spec!.data) },
      EXACT_VALIDATORS,
    );
    collector.finish();
    expect(collector.runs).toHaveLength(0);
    expect(collector.warnings).toEqual([
      expect.objectContaining({ item: fixtureRunName(run), code: 'import.incomplete-run' }),
    ]);
  });
});

// Real HELM run directories (HEAD format, every_eval_ever tests): the cells must be the stats' own Σsum/Σcount.
describe.skipIf(!sharedData)('real HELM run directories', () => {
  it('imports the every_eval_ever run folder and reproduces its main-metric stats as cells', async () => {
    const root = sharedPath('every_eval_ever', 'tests_data_helm');
    const files: RunFile[] = [];
    await readFolderRunFiles(root, (file) => files.push(file));
    expect(files).toHaveLength(6);

    const service = new LeaderboardService({ dataDir: dir });
    const { jobId } = await service.startImport({ source: root, name: 'real' });
    const result = await service.waitForJob(jobId);
    expect(result.error).toBeNull();
    expect(result.warnings).toEqual([]);
    const index = await service.loadIndex('real');
    expect(index.runs.map((run) => run.model).sort()).toEqual([
      'eleutherai/pythia-1b-v0',
      'openai/gpt2',
      'openai/gpt2',
    ]);
    expect(index.runs.find((run) => run.groups.includes('mmlu'))?.modelDeployment).toBe('huggingface/gpt2');

    const expectedCell = async (directory: string, metric: string, split: string): Promise<number> => {
      const stats = JSON.parse(await readFile(join(root, directory, 'stats.json'), 'utf8')) as Stat[];
      const stat = stats.find(
        (candidate) =>
          candidate.name.name === metric &&
          candidate.name.split === split &&
          !candidate.name.perturbation &&
          !candidate.name.sub_split,
      );
      return (stat?.sum ?? NaN) / (stat?.count ?? NaN);
    };
    const dirs = await readdir(root);
    const table = await service.table({ name: 'real' });
    const gpt2 = table.rows.find((row) => row.model === 'openai/gpt2');
    expect(gpt2?.cells.mmlu).toBe(
      await expectedCell(
        dirs.find((d) => d.startsWith('mmlu'))!,
        'exact_match',
        'test',
      ),
    );
    expect(gpt2?.cells.narrative_qa).toBe(
      await expectedCell(
        dirs.find((d) => d.startsWith('narrative_qa'))!,
        'f1_score',
        'test',
      ),
    );
    const pythia = table.rows.find((row) => row.model === 'eleutherai/pythia-1b-v0');
    expect(pythia?.cells.hellaswag).toBe(
      await expectedCell(
        dirs.find((d) => d.startsWith('commonsense'))!,
        'exact_match',
        'valid',
      ),
    );
    expect(index.runs.find((run) => run.groups.includes('hellaswag'))?.numInstances.valid).toBeGreaterThan(0);
  });

  it('reads the Classic-era run of helm-examples (run_spec.json + stats.json validate)', async () => {
    const collector = new RunCollector(CLASSIC_SCHEMA);
    await readFolderRunFiles(sharedPath('helm-examples', 'run'), (file) => collector.add(file, EXACT_VALIDATORS));
    collector.finish();
    expect(collector.warnings).toEqual([]);
    expect(collector.runs[0]?.name).toBe('babi_qa:task=15,model=AlephAlpha_luminous-base');
    expect(collector.runs[0]?.numInstances).not.toEqual({});
  });
});
