import { describe, expect, it } from 'vitest';
import { columnsFor, schemaFor } from '../../../src-shared/leaderboard/schema';
import { sharedData, sharedPath } from '../../../dev/testing/shared-data';
import { findRunDirectories, readUserRuns } from './run-reader';

describe.skipIf(!sharedData)('reading real HELM run directories (every_eval_ever/tests_data_helm)', () => {
  const columns = columnsFor(schemaFor('classic'), 'accuracy');

  it('finds every run directory under a suite-like folder', async () => {
    const found = await findRunDirectories(sharedPath('every_eval_ever', 'tests_data_helm'));
    expect(found).toHaveLength(3);
  });

  it('keeps only main-split (test) F1 values for NarrativeQA', async () => {
    const data = await readUserRuns(
      sharedPath('every_eval_ever', 'tests_data_helm', 'narrative_qa-model=openai_gpt2'),
      columns,
    );
    expect(data.model).toBe('openai/gpt2');
    expect(data.strata).toHaveLength(1);
    const [stratum] = data.strata;
    // 5 instances were run (N=5); id1123 is from the valid split and does not count (docs/helm-fidelity.md §3.1).
    expect(stratum?.instanceIds).toEqual(['id1413', 'id1332', 'id1514', 'id1340']);
    expect(stratum?.values[1]).toBeCloseTo(1 / 3, 12);
    expect(stratum?.binary).toBe(false);
    expect(data.runs[0]?.maxEvalInstances).toBe(5);
  });

  it('refuses a folder that mixes models, naming them', async () => {
    await expect(readUserRuns(sharedPath('every_eval_ever', 'tests_data_helm'), columns)).rejects.toThrow(/models/);
  });
});
