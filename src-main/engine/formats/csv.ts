/**
 * CSV reading as HELM's scenarios do it: Python's `csv.reader` (MMLU, TruthfulQA) and pandas' `read_csv`
 * (CivilComments). Both accept quoted fields with doubled quotes and embedded newlines; we use `csv-parse`
 * with relaxed quotes and column counts so a stray quote inside an unquoted field is kept literally, as
 * Python's reader keeps it.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';

const OPTIONS = {
  relax_quotes: true,
  relax_column_count: true,
  // Python's csv.reader yields [] for a blank line; HELM's loops would fail on it, so no real source has one.
  skip_empty_lines: true,
  bom: false,
} as const;

/** Parses a whole CSV text into rows of fields (no header handling). */
export function parseCsv(text: string, options: { readonly skipInitialSpace?: boolean } = {}): string[][] {
  // Python's `skipinitialspace=True` drops spaces after a delimiter (used by the HF RAFT loader).
  const parserOptions = options.skipInitialSpace ? { ...OPTIONS, ltrim: true } : OPTIONS;
  // csv-parse/sync returns string[][] when `columns` is off; typed as unknown by the library.
  return parseSync(text, parserOptions) as string[][];
}

/**
 * Streams the rows of a large CSV file (CivilComments is ~0.4 GB): `onRow` receives each row as an array;
 * the first row is the header. Memory stays bounded by what `onRow` keeps.
 */
export async function streamCsvRows(
  path: string,
  /** May return a promise (e.g. to wait for a write stream to drain); the next row waits for it. */
  onRow: (row: readonly string[], index: number) => void | Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const parser = createReadStream(path).pipe(parse(OPTIONS));
  let index = 0;
  for await (const record of parser) {
    signal?.throwIfAborted();
    // csv-parse yields string[] records when `columns` is off.
    const pending = onRow(record as string[], index);
    if (pending) await pending;
    index += 1;
  }
}
