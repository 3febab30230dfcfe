/**
 * Turns the run files read from an archive or folder into compact run records: validates `run_spec.json` and
 * `stats.json` (src-shared/helm/validate.ts), keeps only the stats some table of the board can match plus
 * `num_instances`, and reports a bad or incomplete run as a per-run warning naming it — never silently.
 * Files arrive in any order; a run is finished as soon as both of its files are in, so memory stays small. A name
 * over the import budget (./import-budget.ts) refuses the whole import: it is a hostile source, not a bad run.
 */
import type { ImportWarning } from '../../../src-shared/api/leaderboards';
import { AppError } from '../../../src-shared/errors';
import type { Stat } from '../../../src-shared/helm/stat';
import type { BoardSchema } from '../../../src-shared/leaderboard/schema';
import { DEFAULT_IMPORT_BUDGET } from './import-budget';
import type { ImportBudget } from './import-budget';
import type { ImportedRun, TokensPerRequest } from './leaderboard-index';
import { parseRunFile } from './run-file-parser';
import type { ExactValidators, ParsedRunFile, RunFileKind, RunSpecSummary } from './run-file-parser';
import type { RunFile } from './run-files';

export { tokensPerRequest } from './run-file-parser';

interface PendingRun {
  spec?: RunSpecSummary;
  stats?: Stat[];
  tokens?: Record<string, TokensPerRequest>;
}

export class RunCollector {
  private readonly pending = new Map<string, PendingRun>();
  private readonly failed = new Set<string>();
  private readonly names = new Set<string>();
  readonly runs: ImportedRun[] = [];
  readonly warnings: ImportWarning[] = [];

  constructor(
    readonly schema: BoardSchema,
    readonly budget: ImportBudget = DEFAULT_IMPORT_BUDGET,
    /** The source as the user named it, for budget errors. */
    readonly source = 'The source',
    /** Told of each run as it is finished (while other files are still being read). */
    private readonly onRun?: (run: ImportedRun) => void,
  ) {}

  /** Runs finished so far (both files read and valid). */
  get runsRead(): number {
    return this.runs.length;
  }

  /** Parses one file in this thread and adds it (see {@link addParsed}); `exact`: ./run-file-exact.ts's validators. */
  add(file: RunFile, exact: ExactValidators): void {
    if (this.failed.has(file.directory)) return;
    this.addParsed(file.directory, file.kind, parseRunFile(file.kind, file.directory, file.text, this, exact));
  }

  /**
   * Adds one parsed file (parsed here or in an import worker), in the source's order. A file of a run already
   * skipped is ignored, as it would not have been read.
   */
  addParsed(directory: string, kind: RunFileKind, parsed: ParsedRunFile): void {
    if (this.failed.has(directory)) return;
    const pending = this.pending.get(directory) ?? {};
    if (parsed.kind === 'refused') throw AppError.fromData(parsed.error);
    if (parsed.kind === 'invalid') {
      this.pending.delete(directory);
      this.failed.add(directory);
      this.warn(runLabel(directory), 'import.invalid-run', `Run skipped: ${parsed.message}`);
      return;
    }
    if (parsed.kind === 'run_spec' && kind === 'run_spec') pending.spec = parsed.spec;
    else if (parsed.kind === 'stats' && kind === 'stats') {
      pending.tokens = parsed.tokens;
      pending.stats = parsed.stats;
    }
    if (pending.spec && pending.stats) {
      this.pending.delete(directory);
      this.finishRun(directory, pending.spec, pending.stats, pending.tokens ?? {});
    } else {
      this.pending.set(directory, pending);
    }
  }

  /** Reports runs that lack one of their two files. Call once, after the last file. */
  finish(): void {
    for (const [directory, pending] of this.pending) {
      const missing = pending.spec ? 'stats.json' : 'run_spec.json';
      this.warn(
        pending.spec?.name ?? runLabel(directory),
        'import.incomplete-run',
        `Run skipped: ${directory} has no ${missing}.`,
      );
    }
    this.pending.clear();
  }

  private finishRun(
    directory: string,
    spec: NonNullable<PendingRun['spec']>,
    stats: Stat[],
    tokens: Record<string, TokensPerRequest>,
  ): void {
    if (this.names.has(spec.name)) {
      // The same run in two suites would be merged twice into its cell.
      this.warn(
        spec.name,
        'import.duplicate-run',
        `Run skipped: ${directory} repeats a run already imported from another folder.`,
      );
      return;
    }
    this.names.add(spec.name);
    const numInstances: Record<string, number> = {};
    for (const stat of stats) {
      if (stat.name.name !== 'num_instances' || stat.name.perturbation || stat.name.sub_split || stat.count === 0)
        continue;
      numInstances[stat.name.split ?? ''] = stat.sum / stat.count;
    }
    const parts = directory.split('/');
    const run: ImportedRun = {
      ...spec,
      suite: parts.length >= 2 ? (parts[parts.length - 2] ?? null) : null,
      numInstances,
      ...(Object.keys(tokens).length > 0 ? { tokensPerRequest: tokens } : {}),
      stats,
    };
    this.runs.push(run);
    this.onRun?.(run);
  }

  private warn(item: string, code: string, message: string): void {
    this.warnings.push({ item, code, message });
  }
}

function runLabel(directory: string): string {
  return directory.split('/').pop() || directory;
}
