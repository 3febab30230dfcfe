/**
 * RAFT (`scenarios/raft_scenario.py`, v0.3.0): the 50 labelled `train` rows of one subset of the HF dataset
 * `ought/raft`, split by `datasets.train_test_split(test_size=0.8, seed=42)` into 10 train and 40 test rows;
 * instances are train then test, each in that split's order; input = `<field>: <value>` lines in the
 * subset's field order; reference = the label name.
 *
 * Source: HELM loads `ought/raft` through `datasets`; we read the same repository's raw file
 * `data/<subset>/train.csv` at the revision HEAD pins (9ee50172…), so no Python loader is involved.
 * The split is numpy PCG64 `default_rng(42).permutation(50)`: test = perm[:40], train = perm[40:]. We ship
 * the permutation as data instead of porting PCG64 (docs/helm-fidelity.md §5).
 */
import { readFile } from 'node:fs/promises';
import type { Instance } from '../../../src-shared/helm/instance';
import { CORRECT_TAG, TEST_SPLIT, TRAIN_SPLIT } from '../../../src-shared/helm/instance';
import { parseCsv } from '../formats/csv';
import { readPythonText } from '../formats/python-text';
import type { Scenario, ScenarioContext, ScenarioFactory } from '../types';
import { RAFT_FIELD_ORDER, RAFT_SUBSETS } from './raft-prompt-settings';
import type { RaftSubset } from './raft-prompt-settings';
import { RAFT_LABELS } from './raft-labels';
import { fetchSource, parsingSource, stringArg } from './source';

export const RAFT_REVISION = '9ee50172ea9afda2f1033c6f1b986e568b862fb3';
export const RAFT_URL_TEMPLATE = `https://huggingface.co/datasets/ought/raft/resolve/${RAFT_REVISION}/data/{subset}/{file}`;

/** `default_rng(42).permutation(50)[:40]` (numpy 2.4; docs/helm-fidelity.md §5): the test rows, in order. */
export const RAFT_TEST_ROWS: readonly number[] = [
  5, 25, 20, 49, 39, 27, 47, 45, 46, 17, 37, 31, 40, 23, 18, 7, 4, 38, 29, 24, 34, 9, 28, 21, 26, 41, 16, 42, 32, 15, 3,
  44, 30, 10, 43, 6, 11, 22, 19, 35,
];
/** `default_rng(42).permutation(50)[40:]`: the train rows, in order. */
export const RAFT_TRAIN_ROWS: readonly number[] = [0, 12, 14, 48, 2, 36, 33, 1, 13, 8];
const LABELLED_ROWS = 50;

/**
 * Instances from a subset's `train.csv` text. Labels are names (raft-baselines files) or class indices into the
 * HF loader's ClassLabel `["Unlabeled", ...RAFT_LABELS[subset]]`; both give the label name HELM's `int2str` gives.
 */
export function raftInstances(subset: RaftSubset, csvText: string): Instance[] {
  const labelNames = RAFT_LABELS[subset];
  const [header, ...rows] = parseCsv(readPythonText(csvText), { skipInitialSpace: true });
  if (!header) throw new Error('empty file');
  if (rows.length !== LABELLED_ROWS) throw new Error(`expected ${LABELLED_ROWS} labelled rows, got ${rows.length}`);
  const column = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`no '${name}' column`);
    return index;
  };
  const fields = RAFT_FIELD_ORDER[subset].map((field) => [field, column(field)] as const);
  const labelColumn = column('Label');
  const toInstance = (rowIndex: number, split: string): Instance => {
    const row = rows[rowIndex] ?? [];
    const text = fields.map(([field, index]) => `${field}: ${row[index] ?? ''}`).join('\n');
    return {
      input: { text },
      references: [{ output: { text: labelText(row[labelColumn] ?? '', labelNames) }, tags: [CORRECT_TAG] }],
      split,
    };
  };
  return [
    ...RAFT_TRAIN_ROWS.map((i) => toInstance(i, TRAIN_SPLIT)),
    ...RAFT_TEST_ROWS.map((i) => toInstance(i, TEST_SPLIT)),
  ];
}

function labelText(label: string, labelNames: readonly string[]): string {
  if (labelNames.includes(label)) return label;
  const name = /^\d+$/.test(label) ? ['Unlabeled', ...labelNames][Number(label)] : undefined;
  if (name === undefined) throw new Error(`unknown label '${label}'`);
  return name;
}

export class RaftScenario implements Scenario {
  readonly name = 'raft';

  constructor(readonly subset: RaftSubset) {}

  async sources(): Promise<readonly string[]> {
    return [this.url()];
  }

  private url(): string {
    return RAFT_URL_TEMPLATE.replace('{subset}', this.subset).replace('{file}', 'train.csv');
  }

  async getInstances(context: ScenarioContext): Promise<Instance[]> {
    const url = this.url();
    const text = await readFile(await fetchSource(context, this.name, url), 'utf8');
    return parsingSource(this.name, url, () => raftInstances(this.subset, text));
  }
}

export const createRaftScenario: ScenarioFactory = (args) =>
  // stringArg checked the value against RAFT_SUBSETS.
  new RaftScenario(stringArg('raft', args, 'subset', RAFT_SUBSETS) as RaftSubset);
