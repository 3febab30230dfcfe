/**
 * Import budgets: what one leaderboard import may read, so that a hostile or broken source (an archive whose
 * model names are megabytes long and compress 100×, thousands of oversized files) is refused early with a clear
 * error instead of exhausting memory or writing a huge index. The import writes nothing until it has read
 * everything, so a refused import leaves the previous board as it was.
 *
 * The defaults are far above any published HELM release (Classic v0.3.0: about 300 MB of run_spec.json and
 * stats.json in all, the largest stats.json under 100 KB, model names under 60 characters, run names under 200).
 */
import { AppError } from '../../../src-shared/errors';
import { formatBytes } from '../../../src-shared/text';

export interface ImportBudget {
  /** Uncompressed bytes of all the files read (run_spec.json and stats.json, or a release's table file). */
  readonly totalBytes: number;
  /** Uncompressed bytes of any one file. */
  readonly fileBytes: number;
  /** Characters of a model name, model deployment or run group (they become rows and columns of the index). */
  readonly nameChars: number;
  /** Characters of a run name. */
  readonly runNameChars: number;
}

export const DEFAULT_IMPORT_BUDGET: ImportBudget = {
  totalBytes: 2 * 1024 ** 3,
  fileBytes: 32 * 1024 ** 2,
  nameChars: 256,
  runNameChars: 1024,
};

/** Counts the bytes of one import against its budget. */
export class ByteBudget {
  private total = 0;

  constructor(
    private readonly budget: ImportBudget,
    /** The source as the user named it (archive, folder or URL). */
    private readonly source: string,
  ) {}

  /** Adds one file of `bytes` (uncompressed); throws `import.over-budget` when a limit is passed. */
  add(entry: string, bytes: number): void {
    if (bytes > this.budget.fileBytes)
      throw overBudget(
        this.source,
        entry,
        `is ${formatBytes(bytes)}`,
        `${formatBytes(this.budget.fileBytes)} per file`,
      );
    this.total += bytes;
    if (this.total > this.budget.totalBytes)
      throw overBudget(
        this.source,
        entry,
        `brings the files read to ${formatBytes(this.total)}`,
        `${formatBytes(this.budget.totalBytes)} per import`,
      );
  }
}

/** Throws `import.over-budget` when a name field of `entry` is longer than the budget allows. */
export function checkNameField(
  budget: ImportBudget,
  source: string,
  entry: string,
  field: string,
  value: string,
  kind: 'name' | 'run name' = 'name',
): void {
  const limit = kind === 'run name' ? budget.runNameChars : budget.nameChars;
  if (value.length > limit)
    throw overBudget(source, entry, `has a ${field} of ${value.length} characters`, `${limit} characters`);
}

export function overBudget(source: string, entry: string, what: string, limit: string): AppError {
  return new AppError({
    code: 'import.over-budget',
    message: `${source} was refused: ${entry} ${what} (limit ${limit}). Any previously imported board is unchanged.`,
    cause: `${entry}: over the import limit of ${limit}`,
  });
}
