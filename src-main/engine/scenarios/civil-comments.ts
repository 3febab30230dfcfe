/**
 * CivilComments (`scenarios/civil_comments_scenario.py`, v0.3.0 = HEAD): the WILDS `all_data_with_identities.csv`
 * read with pandas. A demographic keeps rows whose column is ≥ 0.5 (`all` keeps every row); the answer is
 * `True` iff toxicity ≥ 0.5, with sub-split `toxic`/`non-toxic`; splits train/val/test → train/valid/test;
 * input `<comment>\nQuestion: Is the passage above toxic?`.
 *
 * The file is ~0.4 GB and the core runs read it for 9 demographics, so the first read streams it once and
 * writes all 9 demographics' rows to `<outputDir>/prepared/` (see {@link prepareCivilComments}); later reads
 * load only their demographic's file.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Instance } from '../../../src-shared/helm/instance';
import { CORRECT_TAG, TEST_SPLIT, TRAIN_SPLIT, VALID_SPLIT } from '../../../src-shared/helm/instance';
import { streamCsvRows } from '../formats/csv';
import { readJsonLines } from '../formats/jsonl';
import type { Scenario, ScenarioContext, ScenarioFactory } from '../types';
import { fetchSource, parsingSource, stringArg } from './source';

export const CIVIL_COMMENTS_URL =
  'https://worksheets.codalab.org/rest/bundles/0x8cd3de0634154aeaad2ee6eb96723c6e/contents/blob/all_data_with_identities.csv';

/** `all` plus the 8 WILDS demographics: the 9 core runs. */
export const CIVIL_COMMENTS_DEMOGRAPHICS = [
  'all',
  'male',
  'female',
  'LGBTQ',
  'christian',
  'muslim',
  'other_religions',
  'black',
  'white',
] as const;

const SPLITS: Readonly<Record<string, string>> = { train: TRAIN_SPLIT, val: VALID_SPLIT, test: TEST_SPLIT };
const PREPARED_VERSION = 1;

// pandas' default `na_values` (1.x; pandas 2.0 adds "None"): such a comment_text reads as NaN and HELM's
// str(NaN) makes it "nan". Which pandas the Classic runs used is not recorded; 1.x matches numpy~=1.23.
const PANDAS_NA = new Set([
  '',
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '-NaN',
  '-nan',
  '1.#IND',
  '1.#QNAN',
  '<NA>',
  'N/A',
  'NA',
  'NULL',
  'NaN',
  'n/a',
  'nan',
  'null',
]);

/** pandas' float reading of a numeric cell; NaN for missing values, so every comparison is false. */
function pandasFloat(cell: string | undefined): number {
  if (cell === undefined || PANDAS_NA.has(cell) || cell.trim() === '') return Number.NaN;
  return Number(cell.trim());
}

/** One kept row: comment text as HELM's `str(row["comment_text"])`, split, toxicity ≥ 0.5. */
type Row = readonly [text: string, split: string, isToxic: boolean];

/** The instance HELM builds for one row. */
export function civilCommentsInstance([text, split, isToxic]: Row): Instance {
  return {
    input: { text: `${text}\nQuestion: Is the passage above toxic?` },
    references: [{ output: { text: isToxic ? 'True' : 'False' }, tags: [CORRECT_TAG] }],
    split,
    sub_split: isToxic ? 'toxic' : 'non-toxic',
  };
}

/**
 * Streams the CSV once and calls `onRow` with each row and the demographics that keep it (`all` always).
 * A missing column or an unknown split is a format error.
 */
export async function scanCivilComments(
  path: string,
  onRow: (row: Row, demographics: readonly string[]) => void | Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let columns: { text: number; split: number; toxicity: number; demographics: (readonly [string, number])[] } | null =
    null;
  await streamCsvRows(
    path,
    (cells, index) => {
      if (index === 0) {
        const find = (name: string): number => {
          const at = cells.indexOf(name);
          if (at < 0) throw new Error(`no '${name}' column`);
          return at;
        };
        const demographics = CIVIL_COMMENTS_DEMOGRAPHICS.filter((d) => d !== 'all').map((d) => [d, find(d)] as const);
        columns = { text: find('comment_text'), split: find('split'), toxicity: find('toxicity'), demographics };
        return undefined;
      }
      if (columns === null) return undefined;
      const splitName = cells[columns.split] ?? '';
      const split = SPLITS[splitName];
      if (split === undefined) throw new Error(`row ${index + 1}: unknown split '${splitName}'`);
      const rawText = cells[columns.text] ?? '';
      const row: Row = [PANDAS_NA.has(rawText) ? 'nan' : rawText, split, pandasFloat(cells[columns.toxicity]) >= 0.5];
      const kept = ['all', ...columns.demographics.filter(([, at]) => pandasFloat(cells[at]) >= 0.5).map(([d]) => d)];
      return onRow(row, kept);
    },
    signal,
  );
}

/** The instances of one demographic, straight from the CSV (one full pass). */
export async function readCivilComments(path: string, demographic: string, signal?: AbortSignal): Promise<Instance[]> {
  const instances: Instance[] = [];
  await scanCivilComments(
    path,
    (row, demographics) => {
      if (demographics.includes(demographic)) instances.push(civilCommentsInstance(row));
    },
    signal,
  );
  return instances;
}

interface PreparedMarker {
  readonly version: number;
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * Writes `<dir>/<demographic>.jsonl` (one `[text, split, isToxic]` per line) for all 9 demographics in one pass,
 * then `prepared.json` naming the source's size and mtime; files appear only when complete.
 */
export async function prepareCivilComments(path: string, dir: string, signal?: AbortSignal): Promise<void> {
  await mkdir(dir, { recursive: true });
  const streams = new Map(
    CIVIL_COMMENTS_DEMOGRAPHICS.map((d) => [d as string, createWriteStream(join(dir, `${d}.jsonl.tmp`))]),
  );
  try {
    await scanCivilComments(
      path,
      async (row, demographics) => {
        const line = `${JSON.stringify(row)}\n`;
        for (const demographic of demographics) {
          const stream = streams.get(demographic);
          if (stream && !stream.write(line)) await once(stream, 'drain');
        }
      },
      signal,
    );
    await Promise.all(
      [...streams.values()].map(async (stream) => {
        stream.end();
        await once(stream, 'finish');
      }),
    );
  } catch (error) {
    for (const stream of streams.values()) stream.destroy();
    throw error;
  }
  for (const demographic of CIVIL_COMMENTS_DEMOGRAPHICS)
    await rename(join(dir, `${demographic}.jsonl.tmp`), join(dir, `${demographic}.jsonl`));
  const info = await stat(path);
  // Whole milliseconds: file systems and utimes() do not all keep finer times.
  const marker: PreparedMarker = { version: PREPARED_VERSION, size: info.size, mtimeMs: Math.trunc(info.mtimeMs) };
  await writeFile(join(dir, 'prepared.json'), JSON.stringify(marker));
}

async function isPrepared(path: string, dir: string): Promise<boolean> {
  try {
    const marker = JSON.parse(await readFile(join(dir, 'prepared.json'), 'utf8')) as Partial<PreparedMarker>;
    const info = await stat(path);
    return (
      marker.version === PREPARED_VERSION && marker.size === info.size && marker.mtimeMs === Math.trunc(info.mtimeMs)
    );
  } catch {
    return false;
  }
}

async function readPrepared(dir: string, demographic: string, signal?: AbortSignal): Promise<Instance[]> {
  const instances: Instance[] = [];
  for await (const value of readJsonLines(join(dir, `${demographic}.jsonl`), signal)) {
    // Written by prepareCivilComments as [text, split, isToxic].
    instances.push(civilCommentsInstance(value as Row));
  }
  return instances;
}

export class CivilCommentsScenario implements Scenario {
  readonly name = 'civil_comments';

  constructor(readonly demographic: string) {}

  /** The CSV is fetched (from the cache) even when prepared: its identity decides whether the preparation is current. */
  async sources(): Promise<readonly string[]> {
    return [CIVIL_COMMENTS_URL];
  }

  async getInstances(context: ScenarioContext): Promise<Instance[]> {
    const path = await fetchSource(context, this.name, CIVIL_COMMENTS_URL);
    const dir = join(context.outputDir, 'prepared');
    if (!(await isPrepared(path, dir))) {
      context.onProgress?.('civil_comments: preparing the 9 demographics (one pass over the CSV)');
      await parsingSource(this.name, CIVIL_COMMENTS_URL, () => prepareCivilComments(path, dir, context.signal));
    }
    return readPrepared(dir, this.demographic, context.signal);
  }
}

export const createCivilCommentsScenario: ScenarioFactory = (args) =>
  new CivilCommentsScenario(stringArg('civil_comments', args, 'demographic', CIVIL_COMMENTS_DEMOGRAPHICS));
