import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { sharedData, sharedPath } from '../../../dev/testing/shared-data';
import { runEntriesFor } from './efficient-entries';
import { parseRunEntriesConf } from './run-entries';
import { EFFICIENT_SIZES } from '../../../src-shared/examples-per-scenario';

describe('run-entry conf parser', () => {
  it('reads entries with comments, optional commas, groups and both separators', () => {
    const conf = `# Main RunSpecs
entries: [
  ## Reading comprehension
  {description: "boolq:model=text,max_eval_instances=10", priority: 1}
  // another comment
  {description: "mmlu:model=text,subject=anatomy", priority: 3, groups: ["ablation", "mmlu"]},
  {"description" = "a \\"quoted\\" one", priority = 2}
]
`;
    expect(parseRunEntriesConf(conf)).toEqual([
      { description: 'boolq:model=text,max_eval_instances=10', priority: 1 },
      { description: 'mmlu:model=text,subject=anatomy', priority: 3, groups: ['ablation', 'mmlu'] },
      { description: 'a "quoted" one', priority: 2 },
    ]);
  });
  it('names the line of a syntax error', () => {
    expect(() => parseRunEntriesConf('entries: [\n {description: "x", priority: 1}\n {description: "y}\n]')).toThrow(
      /line 3/,
    );
    expect(() => parseRunEntriesConf('entries: [{description: "x"}]')).toThrow(/priority/);
  });
});

describe('Efficient-HELM entries', () => {
  it('has 38 entries per N with HELM totals (RAFT 11/20/46/100/1000, CivilComments 10/20/40/100/1000)', () => {
    const sum = (n: number, prefix: string): number =>
      runEntriesFor(n)
        .filter((e) => e.description.startsWith(prefix))
        .reduce((total, e) => total + Number(/max_eval_instances=(\d+)$/.exec(e.description)?.[1]), 0);
    expect(EFFICIENT_SIZES.map((n) => runEntriesFor(n).length)).toEqual([38, 38, 38, 38, 38]);
    expect(EFFICIENT_SIZES.map((n) => sum(n, 'raft:'))).toEqual([11, 20, 46, 100, 1000]);
    expect(EFFICIENT_SIZES.map((n) => sum(n, 'civil_comments:'))).toEqual([10, 20, 40, 100, 1000]);
    expect(EFFICIENT_SIZES.map((n) => sum(n, 'mmlu:'))).toEqual([10, 20, 50, 100, 1000]);
    expect(EFFICIENT_SIZES.map((n) => sum(n, ''))).toEqual([161, 320, 786, 1600, 16000]);
    expect(() => runEntriesFor(200)).toThrow(/200/);
  });
});

describe.skipIf(!sharedData)('Efficient-HELM entries vs HELM confs', () => {
  it.each(EFFICIENT_SIZES)('equals run_entries_core_scenarios_%i.conf', async (n) => {
    const conf = await readFile(sharedPath('helm-config', 'HEAD', `run_entries_core_scenarios_${n}.conf`), 'utf8');
    expect(runEntriesFor(n)).toEqual(parseRunEntriesConf(conf));
  });

  it('parses the full Classic confs', async () => {
    const head = parseRunEntriesConf(await readFile(sharedPath('helm-config', 'HEAD', 'run_entries.conf'), 'utf8'));
    expect(head).toHaveLength(465);
    const v030 = parseRunEntriesConf(await readFile(sharedPath('helm-config', 'v0.3.0', 'run_specs.conf'), 'utf8'));
    // 452 lines mention a description; 4 of them are commented out.
    expect(v030).toHaveLength(448);
    const all = parseRunEntriesConf(
      await readFile(sharedPath('helm-config', 'HEAD', 'run_entries_core_scenarios_all.conf'), 'utf8'),
    );
    // _all keeps data_augmentation=canonical (mid-description for MS MARCO) and has no max_eval_instances.
    expect(all.map((e) => e.description.replace(/,data_augmentation=canonical/, ''))).toEqual(
      runEntriesFor(10).map((e) => e.description.replace(/,max_eval_instances=\d+$/, '')),
    );
  });
});
