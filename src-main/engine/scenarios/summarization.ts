/**
 * CNN/DailyMail and XSUM (`scenarios/summarization_scenario.py`, v0.3.0 = HEAD): HELM's preprocessed pickles,
 * a dict of split (`train`, `validation`, `test`) → list of example dicts (`article`/`highlights` for CNN/DM,
 * `document`/`summary` for XSUM). Instances come in split order train, validation, test. Every document and
 * summary is whitespace-normalized and documents cut to `doc_max_length` whitespace tokens; train documents
 * outside [`sampling_min_length`, `sampling_max_length`] tokens are dropped (and, for the full `xsum` set only,
 * HELM's `_xsum_filter`). The pickle is streamed, so memory holds only the kept, truncated texts.
 */
import type { Instance } from '../../../src-shared/helm/instance';
import { CORRECT_TAG, TEST_SPLIT, TRAIN_SPLIT, VALID_SPLIT } from '../../../src-shared/helm/instance';
import { streamPickleSplits } from '../formats/pickle';
import type { Scenario, ScenarioContext, ScenarioFactory } from '../types';
import { fetchWithProgress } from './fetch-with-progress';
import { asRecord, asString, parsingSource, stringArg } from './source';
import { pythonSplit } from '../formats/python-text';

const BASE_URL = 'https://storage.googleapis.com/crfm-helm-public/source_datasets/scenarios/summarization_scenario';

/** Source file and example keys per HELM `dataset_name`. */
export const SUMMARIZATION_DATASETS = {
  'cnn-dm': { url: `${BASE_URL}/cnndm.pk`, articleKey: 'article', summaryKey: 'highlights' },
  xsum: { url: `${BASE_URL}/xsum.pk`, articleKey: 'document', summaryKey: 'summary' },
  'xsum-sampled': { url: `${BASE_URL}/xsum-sampled.pk`, articleKey: 'document', summaryKey: 'summary' },
} as const;
export type SummarizationDatasetName = keyof typeof SUMMARIZATION_DATASETS;

const SPLITS: readonly (readonly [string, string])[] = [
  ['train', TRAIN_SPLIT],
  ['validation', VALID_SPLIT],
  ['test', TEST_SPLIT],
];

/** HELM's `_clean_and_truncate`: newlines to spaces, whitespace collapsed, at most `maxLength` tokens. */
export function cleanAndTruncate(text: string, maxLength?: number): string {
  const tokens = pythonSplit(text.replace(/\n/g, ' '));
  return (maxLength === undefined ? tokens : tokens.slice(0, maxLength)).join(' ');
}

/** HELM's `_xsum_filter` (full `xsum` dataset only): true when a train example is dropped. */
function xsumFilter(article: string, summary: string): boolean {
  const articleLength = pythonSplit(article).length;
  const summaryLength = pythonSplit(summary).length;
  if (article.includes('Media playback is unsupported on your device')) return true;
  if (article.includes('Last updated at')) return true;
  if (summaryLength <= 10) return true;
  return summaryLength / articleLength > 0.2;
}

/** Scenario arguments (HELM's `SummarizationScenario.__init__`). */
export interface SummarizationOptions {
  readonly datasetName: SummarizationDatasetName;
  readonly samplingMinLength?: number;
  readonly samplingMaxLength?: number;
  readonly docMaxLength?: number;
}

export class SummarizationScenario implements Scenario {
  readonly name = 'summarization';

  constructor(readonly options: SummarizationOptions) {}

  /** The instance of one example, or null when HELM filters it out. */
  instanceOf(example: unknown, split: string): Instance | null {
    const { articleKey, summaryKey } = SUMMARIZATION_DATASETS[this.options.datasetName];
    const record = asRecord(example, 'example');
    const article = cleanAndTruncate(asString(record[articleKey], articleKey), this.options.docMaxLength);
    const summary = cleanAndTruncate(asString(record[summaryKey], summaryKey));
    if (split === TRAIN_SPLIT) {
      const length = pythonSplit(article).length;
      // HELM tests the bounds for truthiness, so 0 or a missing bound disables it.
      if (this.options.samplingMaxLength && length > this.options.samplingMaxLength) return null;
      if (this.options.samplingMinLength && length < this.options.samplingMinLength) return null;
      if (this.options.datasetName === 'xsum' && xsumFilter(article, summary)) return null;
    }
    return { input: { text: article }, references: [{ output: { text: summary }, tags: [CORRECT_TAG] }], split };
  }

  async getInstances(context: ScenarioContext): Promise<Instance[]> {
    const { url } = SUMMARIZATION_DATASETS[this.options.datasetName];
    const path = await fetchWithProgress(context, this.name, url);
    context.onProgress?.(`${this.name}: reading ${url}`);
    const bySplit = new Map<string, Instance[]>(SPLITS.map(([key]) => [key, []]));
    const present = new Set<string>();
    await parsingSource(this.name, url, () => {
      const rest = streamPickleSplits(path, (key, example) => {
        present.add(key);
        const split = SPLITS.find(([name]) => name === key)?.[1];
        if (split === undefined) return;
        const instance = this.instanceOf(example, split);
        if (instance !== null) bySplit.get(key)?.push(instance);
      });
      for (const [key] of SPLITS) {
        // A split with an empty list streams nothing but is still present in the dict.
        if (!present.has(key) && !Array.isArray(rest[key])) throw new Error(`the pickle has no '${key}' split`);
      }
    });
    return SPLITS.flatMap(([key]) => bySplit.get(key) ?? []);
  }
}

function optionalInt(args: Readonly<Record<string, unknown>>, key: string): number | undefined {
  const value = args[key];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number))
    throw new Error(`summarization: '${key}' must be an integer`);
  return number;
}

/** Args as HELM's scenario spec: `dataset_name`, `sampling_min_length`, `sampling_max_length`, `doc_max_length`. */
export const createSummarizationScenario: ScenarioFactory = (args) => {
  const datasetName = stringArg('summarization', args, 'dataset_name', Object.keys(SUMMARIZATION_DATASETS));
  const options: SummarizationOptions = {
    // stringArg checked it against the known dataset names.
    datasetName: datasetName as SummarizationDatasetName,
    ...withDefined('samplingMinLength', optionalInt(args, 'sampling_min_length')),
    ...withDefined('samplingMaxLength', optionalInt(args, 'sampling_max_length')),
    ...withDefined('docMaxLength', optionalInt(args, 'doc_max_length')),
  };
  return new SummarizationScenario(options);
};

function withDefined<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Partial<Record<K, number>>); // exactOptionalPropertyTypes
}
