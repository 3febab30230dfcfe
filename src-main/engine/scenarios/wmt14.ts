/**
 * WMT14 (`scenarios/wmt_14_scenario.py`, v0.5.4): the HF dataset `wmt14`, config `<xx>-en`.
 * - train: `shuffle(seed=42)` (numpy `default_rng(42).permutation(n)`), the first 20,000 rows, then rows whose
 *   target sentence was already seen dropped (first occurrence kept);
 * - then validation → valid and test → test, in order; input = source sentence, one reference = target sentence.
 *
 * We read Hugging Face's Parquet files of the same dataset: the listing `/api/datasets/wmt14/parquet/<config>/<split>`
 * names the shards, read in order. Only the train rows the permutation selects are kept (the permutation itself
 * is a typed array of n entries, 4 bytes a row); the shards are read a row range at a time.
 */
import { readFile } from 'node:fs/promises';
import type { Instance } from '../../../src-shared/helm/instance';
import { CORRECT_TAG, TEST_SPLIT, TRAIN_SPLIT, VALID_SPLIT } from '../../../src-shared/helm/instance';
import { parquetRowCount, readParquetChunks } from '../formats/parquet';
import type { ParquetRow } from '../formats/parquet';
import { defaultRngPermutation } from '../rng/pcg64';
import type { Scenario, ScenarioContext, ScenarioFactory } from '../types';
import { asRecord, asString, fetchSource, parsingSource, stringArg } from './source';

export const WMT14_LANGUAGES = ['cs', 'de', 'fr', 'hi', 'ru', 'en'] as const;
export const WMT14_MAX_TRAIN_INSTANCES = 20_000;

/** The Hub's list of Parquet shard URLs of one config and split. */
export const wmt14ListingUrl = (config: string, split: 'train' | 'validation' | 'test'): string =>
  `https://huggingface.co/api/datasets/wmt14/parquet/${config}/${split}`;

interface Pair {
  readonly source: string;
  readonly target: string;
}

function pairOf(row: ParquetRow, source: string, target: string): Pair {
  const translation = asRecord(row.translation, 'translation');
  return { source: asString(translation[source], source), target: asString(translation[target], target) };
}

/** `_deduplicate`: keep the first row of each target sentence. */
export function deduplicateByTarget(pairs: readonly Pair[]): Pair[] {
  const seen = new Set<string>();
  return pairs.filter((pair) => (seen.has(pair.target) ? false : (seen.add(pair.target), true)));
}

export class Wmt14Scenario implements Scenario {
  readonly name = 'WMT_14';
  readonly config: string;

  constructor(
    readonly sourceLanguage: string,
    readonly targetLanguage: string,
  ) {
    if (sourceLanguage === targetLanguage)
      throw new Error('The source language and the target language should be different.');
    if (sourceLanguage !== 'en' && targetLanguage !== 'en') throw new Error('One of the languages should be English.');
    this.config = `${sourceLanguage !== 'en' ? sourceLanguage : targetLanguage}-en`;
  }

  private async shards(context: ScenarioContext, split: 'train' | 'validation' | 'test'): Promise<string[]> {
    const url = wmt14ListingUrl(this.config, split);
    const listing = await fetchSource(context, 'wmt_14', url);
    const urls = await parsingSource('wmt_14', url, async () => {
      const value: unknown = JSON.parse(await readFile(listing, 'utf8'));
      if (!Array.isArray(value) || value.length === 0 || !value.every((item) => typeof item === 'string')) {
        throw new Error('expected a non-empty list of Parquet URLs');
      }
      return value as string[];
    });
    const paths: string[] = [];
    for (const shard of urls) paths.push(await fetchSource(context, 'wmt_14', shard));
    return paths;
  }

  /** Train pairs HELM keeps: the permutation's first 20,000 rows, in permutation order. */
  private async trainPairs(context: ScenarioContext): Promise<Pair[]> {
    const paths = await this.shards(context, 'train');
    const counts: number[] = [];
    for (const path of paths) counts.push(await parquetRowCount(path));
    const total = counts.reduce((sum, count) => sum + count, 0);
    const permutation = defaultRngPermutation(42, total);
    const wanted = new Map<number, number>();
    const kept = Math.min(WMT14_MAX_TRAIN_INSTANCES, total);
    for (let position = 0; position < kept; position++) wanted.set(permutation[position] ?? 0, position);
    const selected = new Array<Pair | undefined>(kept);
    let offset = 0;
    for (let i = 0; i < paths.length; i++) {
      const path = paths[i] ?? '';
      for await (const chunk of readParquetChunks(path, ['translation'], 50_000, context.signal)) {
        chunk.rows.forEach((row, index) => {
          const position = wanted.get(offset + chunk.start + index);
          if (position !== undefined) selected[position] = pairOf(row, this.sourceLanguage, this.targetLanguage);
        });
      }
      offset += counts[i] ?? 0;
    }
    return deduplicateByTarget(selected.filter((pair): pair is Pair => pair !== undefined));
  }

  async getInstances(context: ScenarioContext): Promise<Instance[]> {
    const toInstance = (pair: Pair, split: string): Instance => ({
      input: { text: pair.source },
      references: [{ output: { text: pair.target }, tags: [CORRECT_TAG] }],
      split,
    });
    const instances = (await this.trainPairs(context)).map((pair) => toInstance(pair, TRAIN_SPLIT));
    for (const [split, name] of [
      [VALID_SPLIT, 'validation'],
      [TEST_SPLIT, 'test'],
    ] as const) {
      for (const path of await this.shards(context, name)) {
        for await (const chunk of readParquetChunks(path, ['translation'], 50_000, context.signal)) {
          for (const row of chunk.rows)
            instances.push(toInstance(pairOf(row, this.sourceLanguage, this.targetLanguage), split));
        }
      }
    }
    return instances;
  }
}

export const createWmt14Scenario: ScenarioFactory = (args) =>
  new Wmt14Scenario(
    stringArg('wmt_14', args, 'source_language', WMT14_LANGUAGES),
    stringArg('wmt_14', args, 'target_language', WMT14_LANGUAGES),
  );
