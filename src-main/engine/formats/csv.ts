/**
 * CSV reading as HELM's scenarios do it: Python's `csv.reader` (MMLU, TruthfulQA, the HF RAFT loader) via
 * {@link parsePythonCsv}, and pandas' `read_csv` (CivilComments) via `csv-parse` with relaxed quotes and
 * column counts, streamed because the file is large.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { parsePythonCsv } from './python-csv';

const OPTIONS = {
  relax_quotes: true,
  relax_column_count: true,
  // pandas' default skip_blank_lines=True.
  skip_empty_lines: true,
  bom: false,
} as const;

/**
 * Parses a whole CSV text into rows of fields (no header handling) exactly as Python's `csv.reader` does,
 * blank lines dropped (see {@link parsePythonCsv}).
 */
export function parseCsv(text: string, options: { readonly skipInitialSpace?: boolean } = {}): string[][] {
  return parsePythonCsv(text, options);
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
