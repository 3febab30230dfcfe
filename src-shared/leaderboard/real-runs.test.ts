/** Cells from real HELM run directories (HEAD format) in ../shared/data/every_eval_ever/tests_data_helm. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData, sharedPath } from '../../dev/testing/shared-data';
import { parsePythonJson, runSpecSchema, statsFileSchema, validateOrThrow } from '../helm/validate';
import type { RunRecord } from './cells';
import { computeCellTable, isStatNeeded } from './cells';
import { CLASSIC_SCHEMA } from './schema';

function readRun(dir: string): RunRecord {
  const spec = validateOrThrow(
    runSpecSchema,
    parsePythonJson(readFileSync(join(dir, 'run_spec.json'), 'utf8')),
    'run_spec.json',
  );
  const stats = validateOrThrow(
    statsFileSchema,
    parsePythonJson(readFileSync(join(dir, 'stats.json'), 'utf8')),
    'stats.json',
  );
  return {
    name: spec.name,
    model: spec.adapter_spec.model ?? '',
    modelDeployment: spec.adapter_spec.model_deployment ?? '',
    groups: spec.groups ?? [],
    stats,
  };
}

describe.skipIf(!sharedData)('cells from real run directories', () => {
  const root = sharedData ? sharedPath('every_eval_ever', 'tests_data_helm') : '';
  const runs = sharedData ? readdirSync(root).map((dir) => readRun(join(root, dir))) : [];

  it('builds Accuracy cells from run_spec.json + stats.json', () => {
    const table = computeCellTable(runs, CLASSIC_SCHEMA.tables.accuracy!, { rowOrder: CLASSIC_SCHEMA.rowOrder });
    expect([...table.models].sort()).toEqual(['eleutherai/pythia-1b-v0', 'openai/gpt2']);
    const gpt2 = table.models.indexOf('openai/gpt2');
    const mmlu = CLASSIC_SCHEMA.tables.accuracy!.findIndex((column) => column.group === 'mmlu');
    // 1 trial of 9 philosophy test instances, 1 correct.
    expect(table.cells[gpt2]![mmlu]).toMatchObject({
      count: 1,
      runs: 1,
      description: 'min=0.111, mean=0.111, max=0.111, sum=0.111 (1)',
    });
    expect(table.deployments![gpt2]).toEqual(['huggingface/gpt2']);
  });

  it('HEAD runs have no inference_denoised_runtime, so their Classic Efficiency cells are empty', () => {
    const efficiency = computeCellTable(runs, CLASSIC_SCHEMA.tables.efficiency!);
    const cells = efficiency.cells.flat().filter((cell) => cell.description !== 'No matching runs');
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells)
      expect(cell).toMatchObject({ value: null, description: '1 matching runs, but no matching metrics' });
  });

  it('isStatNeeded keeps a small part of stats.json', () => {
    for (const run of runs) {
      const kept = run.stats.filter((stat) => isStatNeeded(stat, CLASSIC_SCHEMA));
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.length).toBeLessThan(run.stats.length / 2);
    }
  });
});
