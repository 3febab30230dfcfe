/**
 * Reading Parquet files (the Hugging Face datasets HELM Lite loads: LegalBench's and WMT14's parquet conversions)
 * with hyparquet, row range by row range so a large shard never sits in memory whole.
 */
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';

export type ParquetRow = Record<string, unknown>;

/** Number of rows of a Parquet file (from its footer). */
export async function parquetRowCount(path: string): Promise<number> {
  const metadata = await parquetMetadataAsync(await asyncBufferFromFile(path));
  return Number(metadata.num_rows);
}

/** Rows `[rowStart, rowEnd)` of `columns` (all when omitted), as objects keyed by column name. */
export async function readParquetRows(
  path: string,
  options: { readonly columns?: readonly string[]; readonly rowStart?: number; readonly rowEnd?: number } = {},
): Promise<ParquetRow[]> {
  const file = await asyncBufferFromFile(path);
  return (await parquetReadObjects({
    file,
    compressors,
    ...(options.columns ? { columns: [...options.columns] } : {}),
    ...(options.rowStart !== undefined ? { rowStart: options.rowStart } : {}),
    ...(options.rowEnd !== undefined ? { rowEnd: options.rowEnd } : {}),
  })) as ParquetRow[];
}

/** Streams a file's rows in chunks of `chunkRows` (bounded memory for multi-million-row shards). */
export async function* readParquetChunks(
  path: string,
  columns: readonly string[],
  chunkRows = 50_000,
  signal?: AbortSignal,
): AsyncGenerator<{ readonly start: number; readonly rows: ParquetRow[] }> {
  const total = await parquetRowCount(path);
  for (let start = 0; start < total; start += chunkRows) {
    signal?.throwIfAborted();
    yield {
      start,
      rows: await readParquetRows(path, { columns, rowStart: start, rowEnd: Math.min(total, start + chunkRows) }),
    };
  }
}
