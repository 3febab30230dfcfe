/**
 * LegalBench (`scenarios/legalbench_scenario.py`, v0.5.4): the `train` then `test` split of one subset of the HF
 * dataset `nguha/legalbench`; input = `<shown name>: <row[column]>` lines in the subset's field order; one
 * reference = `row[label key]` (HELM's own test: abercrombie and proa have 100 instances, train first).
 *
 * HELM loads the dataset through its Python loader; we read that loader's output as Hugging Face publishes it,
 * the Parquet conversion (`refs/convert/parquet`, every column a string), so no TSV parsing is re-implemented.
 */
import type { Instance } from '../../../src-shared/helm/instance';
import { CORRECT_TAG, TEST_SPLIT, TRAIN_SPLIT } from '../../../src-shared/helm/instance';
import { readParquetRows } from '../formats/parquet';
import type { ParquetRow } from '../formats/parquet';
import type { Scenario, ScenarioContext, ScenarioFactory } from '../types';
import { LEGALBENCH_SETTINGS, LEGALBENCH_SUBSETS } from './legalbench-settings';
import type { LegalbenchSubset } from './legalbench-settings';
import { fetchSource, parsingSource, stringArg } from './source';

export const legalbenchUrl = (subset: string, split: 'train' | 'test'): string =>
  `https://huggingface.co/datasets/nguha/legalbench/resolve/refs%2Fconvert%2Fparquet/${subset}/${split}/0000.parquet`;

function cell(row: ParquetRow, column: string): string {
  const value = row[column];
  if (value === undefined) throw new Error(`no '${column}' column`);
  // Python's f-string of the loader's value; the Parquet columns are strings (null would print "None").
  return value === null ? 'None' : String(value);
}

/** Instances of one subset from its train and test rows. */
export function legalbenchInstances(
  subset: LegalbenchSubset,
  train: readonly ParquetRow[],
  test: readonly ParquetRow[],
): Instance[] {
  const settings = LEGALBENCH_SETTINGS[subset];
  const toInstance = (row: ParquetRow, split: string): Instance => ({
    input: { text: settings.fields.map(([shown, column]) => `${shown}: ${cell(row, column)}`).join('\n') },
    references: [{ output: { text: cell(row, settings.labelKey) }, tags: [CORRECT_TAG] }],
    split,
  });
  return [...train.map((row) => toInstance(row, TRAIN_SPLIT)), ...test.map((row) => toInstance(row, TEST_SPLIT))];
}

export class LegalbenchScenario implements Scenario {
  readonly name = 'legalbench';

  constructor(readonly subset: LegalbenchSubset) {}

  async getInstances(context: ScenarioContext): Promise<Instance[]> {
    const rows: Record<'train' | 'test', ParquetRow[]> = { train: [], test: [] };
    for (const split of ['train', 'test'] as const) {
      const url = legalbenchUrl(this.subset, split);
      const path = await fetchSource(context, this.name, url);
      rows[split] = await parsingSource(this.name, url, () => readParquetRows(path));
    }
    return parsingSource(this.name, legalbenchUrl(this.subset, 'test'), () =>
      legalbenchInstances(this.subset, rows.train, rows.test),
    );
  }
}

export const createLegalbenchScenario: ScenarioFactory = (args) =>
  new LegalbenchScenario(stringArg('legalbench', args, 'subset', LEGALBENCH_SUBSETS) as LegalbenchSubset);
