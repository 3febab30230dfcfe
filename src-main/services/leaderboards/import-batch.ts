/**
 * The CPU work of an import, one batch of zip entries at a time: inflate (size and CRC-32 checked), then parse
 * (./run-file-parser.ts). The same function runs in the import workers (./import-worker.ts) and on the importing
 * thread; it returns plain data, in the batch's order. zod (./run-file-exact.ts) is loaded only for a file the fast
 * validators defer, so a worker starts without it.
 */
import { toAppErrorData } from '../../../src-shared/errors';
import type { AppErrorData } from '../../../src-shared/errors';
import { parseRunFile, parseRunFileFast } from './run-file-parser';
import type { ExactValidators, ParseContext, ParsedRunFile } from './run-file-parser';
import type { ZipBatch } from './zip-entries';
import { inflateEntry } from './zip-inflate';

/** A parsed file, or the entry's data were unreadable (a corrupt archive: the import fails). */
export type EntryResult = ParsedRunFile | { readonly kind: 'corrupt'; readonly error: AppErrorData };

export interface BatchContext extends ParseContext {
  /** The archive's path, for error messages. */
  readonly archive: string;
}

let exact: Promise<ExactValidators> | null = null;

export async function processBatch(batch: ZipBatch, context: BatchContext): Promise<EntryResult[]> {
  const bytes = Buffer.from(batch.buffer);
  const results: EntryResult[] = [];
  for (const entry of batch.entries) {
    let data: Buffer;
    try {
      data = inflateEntry(
        entry,
        bytes.subarray(entry.offset, entry.offset + entry.length),
        context.budget.fileBytes,
        context.archive,
      );
    } catch (error) {
      results.push({ kind: 'corrupt', error: toAppErrorData(error) });
      continue;
    }
    let parsed = parseRunFileFast(entry.kind, entry.directory, data, context);
    if (!parsed) {
      exact ??= import('./run-file-exact').then((module) => module.EXACT_VALIDATORS);
      parsed = parseRunFile(entry.kind, entry.directory, data, context, await exact);
    }
    results.push(parsed);
  }
  return results;
}
