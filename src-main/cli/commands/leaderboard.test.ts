import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLASSIC_SCHEMA } from '../../../src-shared/leaderboard/schema';
import { runCli } from '../../../dev/testing/run-cli';
import type { CliOutcome } from '../../../dev/testing/run-cli';
import { startFixtureServer } from '../../demo/http-fixture-server';
import type { FixtureServer } from '../../demo/http-fixture-server';
import { fixtureArchiveEntries } from '../../demo/helm-run-fixture';
import { buildZip } from '../../demo/zip-writer';
import { classicFixtureRuns, fixtureValue } from '../../../dev/testing/leaderboard-fixtures';

const MODELS = ['openai/davinci', 'ai21/j1-jumbo'];
// The real catalogue's first URL for classic-v0.3.0, seen through the mirror.
const ARCHIVE = '/storage.googleapis.com/crfm-helm-public/benchmark_output/archives/v0.3.0/run_stats.zip';
let server: FixtureServer;
let dataDir: string;

function cli(argv: string[], env: Record<string, string> = {}): Promise<CliOutcome> {
  return runCli(argv, { HELM_RANK_HOME: dataDir, ...env });
}

beforeEach(async () => {
  server = await startFixtureServer();
  dataDir = await mkdtemp(join(tmpdir(), 'helm-rank-cli-'));
  server.set(ARCHIVE, buildZip(fixtureArchiveEntries(classicFixtureRuns(MODELS))));
});
afterEach(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('helm-rank leaderboard', () => {
  it('imports the default version through --mirror and shows it as JSON', async () => {
    const imported = await cli(['leaderboard', 'import', 'v0.3.0', '--mirror', server.baseUrl]);
    expect(imported.stderr).toMatch(/^download/m); // plain progress lines when not a TTY
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("Imported leaderboard 'classic-v0.3.0'");

    const shown = await cli(['leaderboard', 'show', 'classic-v0.3.0', '--json']);
    expect(shown.code).toBe(0);
    const table = JSON.parse(shown.stdout) as {
      name: string;
      table: string;
      columns: string[];
      rows: { model: string; meanWinRate: number | null; rank: number; cells: Record<string, number | null> }[];
    };
    expect(table.name).toBe('classic-v0.3.0');
    expect(table.table).toBe('accuracy');
    expect(table.columns).toEqual([
      'mmlu',
      'boolq',
      'narrative_qa',
      'natural_qa_closedbook',
      'natural_qa_openbook_longans',
      'quac',
      'hellaswag',
      'openbookqa',
      'truthful_qa',
      'msmarco_regular',
      'msmarco_trec',
      'summarization_cnndm',
      'summarization_xsum',
      'imdb',
      'civil_comments',
      'raft',
    ]);
    expect(table.rows.map((row) => [row.model, row.rank, row.meanWinRate])).toEqual([
      ['openai/davinci', 1, 1],
      ['ai21/j1-jumbo', 2, 0],
    ]);
    (CLASSIC_SCHEMA.tables.accuracy ?? []).forEach((column, c) =>
      expect(table.rows[1]?.cells[column.group]).toBeCloseTo(fixtureValue(1, c), 10),
    );
  });

  it('uses HELM_RANK_MIRROR, lists, shows text and honours --win-rate / --table', async () => {
    expect(
      (await cli(['leaderboard', 'import', 'classic-v0.3.0', '--name', 'mine'], { HELM_RANK_MIRROR: server.baseUrl }))
        .code,
    ).toBe(0);
    const listed = await cli(['leaderboard', 'list']);
    expect(listed.stdout).toMatch(/classic-v0\.3\.0 .*\[default\]/);
    expect(listed.stdout).toMatch(/mine +2 models, 32 runs/);
    const text = await cli(['leaderboard', 'show', 'mine', '--table', 'robustness', '--win-rate', 'current']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('robustness (current mean win rate, 2 models)');
    expect(text.stdout).toMatch(/^ *1 +openai\/davinci +1\.000 +0\.810/m);
  });

  it('imports from a plain local-directory mirror', async () => {
    const mirror = join(dataDir, 'mirror');
    await mkdir(join(mirror, dirname(ARCHIVE)), { recursive: true });
    await writeFile(join(mirror, ARCHIVE), buildZip(fixtureArchiveEntries(classicFixtureRuns(MODELS))));
    const imported = await cli(['leaderboard', 'import', 'classic-v0.3.0', '--mirror', mirror, '--json']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ phase: 'done', runsRead: 32, leaderboard: 'classic-v0.3.0' });
    expect(server.requests).toHaveLength(0);
  });

  it('reports usage errors and unknown boards with exit code 1', async () => {
    const bad = await cli(['leaderboard', 'show', 'x', '--table', 'speed']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--table must be one of');
    const missing = await cli(['leaderboard', 'show', 'nothing']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("No imported leaderboard named 'nothing'");
  });

  it('fails an import clearly when the source is unreachable', async () => {
    const failed = await cli([
      'leaderboard',
      'import',
      'https://storage.googleapis.com/none/run_stats.zip',
      '--mirror',
      server.baseUrl,
    ]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`${server.baseUrl}/storage.googleapis.com/none/run_stats.zip`);
    expect(failed.stderr).toContain('HTTP 404');
  });
});
