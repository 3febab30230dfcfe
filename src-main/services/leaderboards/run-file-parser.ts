/**
 * One run file in, one compact answer out: `run_spec.json` → the fields the index keeps (names checked against the
 * import budget); `stats.json` → only the stats some table of the board can match plus `num_instances`, and the
 * mean tokens per request. Runs in the import workers (./import-worker.ts) or in-thread; the answer is plain data.
 *
 * A stats.json in HELM's own form is read by the targeted scanner (./stats-scan.ts), which parses only the stats the
 * index keeps. Other files are parsed with `JSON.parse` (parsePythonJson) and checked by the fast validators of
 * src-shared/helm/validate-fast.ts; whatever those do not accept goes to the zod schemas (./run-file-exact.ts), which
 * decide and word the warning — so results and warnings are the zod path's either way, at a fraction of its cost.
 * This module does not load zod: a worker loads it only for a file the fast validators defer.
 */
import { AppError, toAppErrorData } from '../../../src-shared/errors';
import type { AppErrorData } from '../../../src-shared/errors';
import type { MetricName, Stat } from '../../../src-shared/helm/stat';
import { parsePythonJson } from '../../../src-shared/helm/python-json';
import { fastRunSpecFields, isValidStatsFile } from '../../../src-shared/helm/validate-fast';
import type { RunSpecFields } from '../../../src-shared/helm/validate-fast';
import { isStatNeeded, neededMetricNames } from '../../../src-shared/leaderboard/cells';
import type { BoardSchema } from '../../../src-shared/leaderboard/schema';
import { checkNameField } from './import-budget';
import type { ImportBudget } from './import-budget';
import type { TokensPerRequest } from './leaderboard-index';
import { createStatsScanner, keptStat } from './stats-scan';
import type { StatsScanner } from './stats-scan';

export type RunFileKind = 'run_spec' | 'stats';

/** What the index keeps of a run_spec.json. */
export interface RunSpecSummary {
  name: string;
  model: string;
  modelDeployment: string;
  groups: string[];
}

export type ParsedRunFile =
  | { readonly kind: 'run_spec'; readonly spec: RunSpecSummary }
  | { readonly kind: 'stats'; readonly stats: Stat[]; readonly tokens: Record<string, TokensPerRequest> }
  /** Not valid: the run is skipped with this warning. */
  | { readonly kind: 'invalid'; readonly message: string }
  /** Over the import budget: the whole import is refused (unless the run was already skipped). */
  | { readonly kind: 'refused'; readonly error: AppErrorData };

export interface ParseContext {
  readonly schema: BoardSchema;
  readonly budget: ImportBudget;
  /** The source as the user named it, for budget errors. */
  readonly source: string;
}

/** The zod validators (./run-file-exact.ts): they decide what the fast validators defer, and word the problem. */
export interface ExactValidators {
  /** The stats of a parsed stats.json, or throws an AppError naming `entry`. */
  stats(json: unknown, entry: string): readonly Stat[];
  /** The importer's fields of a parsed run_spec.json, or throws an AppError naming `entry`. */
  runSpec(json: unknown, entry: string): RunSpecFields;
}

/** Parses one run file, with `exact` for what the fast validators defer. */
export function parseRunFile(
  kind: RunFileKind,
  directory: string,
  data: Buffer | string,
  context: ParseContext,
  exact: ExactValidators,
): ParsedRunFile {
  return parse(kind, directory, data, context, exact) as ParsedRunFile; // never null with exact validators
}

/** Parses one run file with the fast validators only; null when they defer (parse it with {@link parseRunFile}). */
export function parseRunFileFast(
  kind: RunFileKind,
  directory: string,
  data: Buffer | string,
  context: ParseContext,
): ParsedRunFile | null {
  return parse(kind, directory, data, context, null);
}

function parse(
  kind: RunFileKind,
  directory: string,
  data: Buffer | string,
  context: ParseContext,
  exact: ExactValidators | null,
): ParsedRunFile | null {
  try {
    if (kind === 'stats' && typeof data !== 'string') {
      // The targeted scanner: the same stats as parsing the whole file, or null when it is not certain.
      const scanned = statsScanner(context.schema).scan(data);
      if (scanned) return statsResult(scanned, context.schema, true);
    }
    const json = parsePythonJson(typeof data === 'string' ? data : data.toString('utf8'));
    const entry = `${directory}/${kind}.json`;
    if (kind === 'run_spec') {
      const fields = fastRunSpecFields(json) ?? exact?.runSpec(json, entry);
      return fields ? { kind, spec: runSpecSummary(entry, fields, context) } : null;
    }
    const stats = isValidStatsFile(json) ? json : exact?.stats(json, entry);
    return stats ? statsResult(stats, context.schema) : null;
  } catch (error) {
    if (error instanceof AppError && error.code === 'import.over-budget')
      return { kind: 'refused', error: toAppErrorData(error) };
    const message =
      error instanceof AppError
        ? error.message
        : `${directory}/${kind}.json is not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
    return { kind: 'invalid', message };
  }
}

/** The names the index keeps, checked against the import budget. */
function runSpecSummary(entry: string, fields: RunSpecFields, context: ParseContext): RunSpecSummary {
  const check = (field: string, value: string, kind?: 'run name') =>
    checkNameField(context.budget, context.source, entry, field, value, kind);
  check('run name', fields.name, 'run name');
  check('model name', fields.model);
  check('model deployment', fields.modelDeployment ?? '');
  for (const group of fields.groups) check('run group', group);
  return {
    name: fields.name,
    model: fields.model,
    modelDeployment: fields.modelDeployment ?? '',
    groups: [...fields.groups],
  };
}

/**
 * What the index keeps of a valid stats.json's stats (all of them, or at least every kept and token stat);
 * `kept`: they are {@link keptStat}s already (the scanner's).
 */
function statsResult(stats: readonly Stat[], schema: BoardSchema, kept = false): ParsedRunFile {
  const keep = stats.filter((stat) => isKept(stat.name, schema));
  return { kind: 'stats', tokens: tokensPerRequest(stats), stats: kept ? keep : keep.map(keptStat) };
}

const scanners = new WeakMap<BoardSchema, StatsScanner>();

/** The stats.json scanner of a board: it keeps every stat {@link isKept} and {@link tokensPerRequest} may read. */
function statsScanner(schema: BoardSchema): StatsScanner {
  let scanner = scanners.get(schema);
  if (!scanner) {
    // Only what statsResult keeps or tokensPerRequest reads is built.
    scanner = createStatsScanner(
      [...neededMetricNames(schema), 'num_instances', ...TOKEN_METRICS.keys()],
      (name) => isKept(name, schema) || (TOKEN_METRICS.has(name.name) && !name.perturbation && !name.sub_split),
    );
    scanners.set(schema, scanner);
  }
  return scanner;
}

const TOKEN_METRICS = new Map<string, 'prompt' | 'output' | 'completion'>([
  ['num_prompt_tokens', 'prompt'],
  ['num_output_tokens', 'output'],
  ['num_completion_tokens', 'completion'],
]);

function isKept(name: MetricName, schema: BoardSchema): boolean {
  return name.name === 'num_instances' || isStatNeeded({ name, count: 0, sum: 0, sum_squared: 0 }, schema);
}

/**
 * Mean tokens per request per split from the run's general-information stats (unperturbed, no sub-split),
 * kept out of `run-stats.json` (no table reads them). Output tokens prefer `num_output_tokens`: for echo
 * requests (separate scoring) `num_completion_tokens` also counts the echoed prompt (HELM v0.3.0
 * `basic_metrics.py`, `compute_request_state_metrics`), which would double the prompt.
 */
export function tokensPerRequest(stats: readonly Stat[]): Record<string, TokensPerRequest> {
  const means = new Map<string, Partial<Record<'prompt' | 'output' | 'completion', number>>>();
  for (const stat of stats) {
    const kind = TOKEN_METRICS.get(stat.name.name);
    if (!kind || stat.name.perturbation || stat.name.sub_split || stat.count === 0 || !Number.isFinite(stat.sum))
      continue;
    const split = stat.name.split ?? '';
    const mean = means.get(split);
    if (mean) mean[kind] = stat.sum / stat.count;
    else means.set(split, { [kind]: stat.sum / stat.count });
  }
  const out: Record<string, TokensPerRequest> = {};
  for (const [split, mean] of means) {
    if (mean.prompt === undefined) continue;
    out[split] = { prompt: mean.prompt, output: mean.output ?? mean.completion ?? 0 };
  }
  return out;
}
