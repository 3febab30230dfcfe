import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLASSIC_SCHEMA } from '../../src-shared/leaderboard/schema';
import { runCli } from '../../dev/testing/run-cli';
import type { CliOutcome } from '../../dev/testing/run-cli';
import {
  buildFixtureLeaderboardZip,
  FIXTURE_LEADERBOARD_MODELS,
  fixtureLeaderboardRuns,
  fixtureLeaderboardValue,
} from './fixture-leaderboard';

describe('fixture leaderboard', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'helm-rank-fixture-board-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function cli(argv: string[]): Promise<CliOutcome> {
    return runCli(argv, { HELM_RANK_HOME: join(dir, 'data') });
  }

  it('has the real multiplicity of runs: MMLU 5, RAFT 11, CivilComments 9, the others 1 per model', () => {
    const runs = fixtureLeaderboardRuns();
    const perModel = (group: string) =>
      runs.filter((run) => run.group === group && run.model === FIXTURE_LEADERBOARD_MODELS[0]).length;
    expect([perModel('mmlu'), perModel('raft'), perModel('civil_comments'), perModel('boolq')]).toEqual([5, 11, 9, 1]);
    expect(runs).toHaveLength(FIXTURE_LEADERBOARD_MODELS.length * (13 + 5 + 11 + 9));
    expect(runs.every((run) => run.value > 0 && run.value < 1)).toBe(true);
  });

  it('imports as a full Classic table: every model has a cell in every core column, equal to the fixture value', async () => {
    const zip = join(dir, 'fixture-classic.zip');
    await writeFile(zip, buildFixtureLeaderboardZip());
    const imported = await cli(['leaderboard', 'import', zip, '--name', 'fixture-classic']);
    expect(imported.stderr + imported.stdout).toContain("Imported leaderboard 'fixture-classic'");
    expect(imported.code).toBe(0);
    const shown = await cli(['leaderboard', 'show', 'fixture-classic', '--json']);
    const table = JSON.parse(shown.stdout) as {
      columns: string[];
      rows: { model: string; meanWinRate: number | null; cells: Record<string, number | null> }[];
    };
    const columns = (CLASSIC_SCHEMA.tables.accuracy ?? []).map((column) => column.group);
    expect(table.columns).toEqual(columns);
    expect(table.rows).toHaveLength(FIXTURE_LEADERBOARD_MODELS.length);
    const davinci = FIXTURE_LEADERBOARD_MODELS.indexOf('openai/davinci');
    const row = table.rows.find((candidate) => candidate.model === 'openai/davinci');
    columns.forEach((group, c) => expect(row?.cells[group]).toBeCloseTo(fixtureLeaderboardValue(group, davinci, c), 6));
    const winRates = table.rows.map((candidate) => candidate.meanWinRate ?? -1);
    expect(Math.max(...winRates)).toBeGreaterThan(0.8);
    expect(Math.min(...winRates)).toBeLessThan(0.2);
  });
});
