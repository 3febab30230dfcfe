/**
 * Turns the run files read from an archive or folder into compact run records: validates `run_spec.json` and
 * `stats.json` (src-shared/helm/validate.ts), keeps only the stats some table of the board can match plus
 * `num_instances`, and reports a bad or incomplete run as a per-run warning naming it — never silently.
 * Files arrive in any order; a run is finished as soon as both of its files are in, so memory stays small. A name
 * over the import budget (./import-budget.ts) refuses the whole import: it is a hostile source, not a bad run.
 */
import type { ImportWarning } from '../../../src-shared/api/leaderboards';
import { AppError } from '../../../src-shared/errors';
import type { Stat, MetricName } from '../../../src-shared/helm/stat';
import { parsePythonJson, runSpecSchema, statsFileSchema, validateOrThrow } from '../../../src-shared/helm/validate';
import { isStatNeeded } from '../../../src-shared/leaderboard/cells';
import type { BoardSchema } from '../../../src-shared/leaderboard/schema';
import { checkNameField, DEFAULT_IMPORT_BUDGET } from './import-budget';
import type { ImportBudget } from './import-budget';
import type { ImportedRun, TokensPerRequest } from './leaderboard-index';
import type { RunFile } from './run-files';

interface PendingRun {
  spec?: { name: string; model: string; modelDeployment: string; groups: string[] };
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
    private readonly schema: BoardSchema,
    private readonly budget: ImportBudget = DEFAULT_IMPORT_BUDGET,
    /** The source as the user named it, for budget errors. */
    private readonly source = 'The source',
  ) {}

  /** Runs finished so far (both files read and valid). */
  get runsRead(): number {
    return this.runs.length;
  }

  add(file: RunFile): void {
    if (this.failed.has(file.directory)) return;
    const pending = this.pending.get(file.directory) ?? {};
    try {
      const json = parsePythonJson(file.text);
      if (file.kind === 'run_spec') {
        const entry = `${file.directory}/run_spec.json`;
        const spec = validateOrThrow(runSpecSchema, json, entry, 'import.invalid-run');
        const check = (field: string, value: string, kind?: 'run name') =>
          checkNameField(this.budget, this.source, entry, field, value, kind);
        check('run name', spec.name, 'run name');
        check('model name', spec.adapter_spec.model);
        check('model deployment', spec.adapter_spec.model_deployment ?? '');
        for (const group of spec.groups) check('run group', group);
        pending.spec = {
          name: spec.name,
          model: spec.adapter_spec.model,
          modelDeployment: spec.adapter_spec.model_deployment ?? '',
          groups: [...spec.groups],
        };
      } else {
        const stats = validateOrThrow(statsFileSchema, json, `${file.directory}/stats.json`, 'import.invalid-run');
        pending.tokens = tokensPerRequest(stats);
        pending.stats = stats
          .filter((stat) => stat.name.name === 'num_instances' || isStatNeeded(stat, this.schema))
          .map(compactStat);
      }
    } catch (error) {
      if (error instanceof AppError && error.code === 'import.over-budget') throw error;
      this.pending.delete(file.directory);
      this.failed.add(file.directory);
      const message =
        error instanceof AppError
          ? error.message
          : `${file.directory}/${file.kind}.json is not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
      this.warn(runLabel(file.directory), 'import.invalid-run', `Run skipped: ${message}`);
      return;
    }
    if (pending.spec && pending.stats) {
      this.pending.delete(file.directory);
      this.finishRun(file.directory, pending.spec, pending.stats, pending.tokens ?? {});
    } else {
      this.pending.set(file.directory, pending);
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
    this.runs.push({
      ...spec,
      suite: parts.length >= 2 ? (parts[parts.length - 2] ?? null) : null,
      numInstances,
      ...(Object.keys(tokens).length > 0 ? { tokensPerRequest: tokens } : {}),
      stats,
    });
  }

  private warn(item: string, code: string, message: string): void {
    this.warnings.push({ item, code, message });
  }
}

/**
 * Mean tokens per request per split from the run's general-information stats (unperturbed, no sub-split),
 * kept out of `run-stats.json` (no table reads them). Output tokens prefer `num_output_tokens`: for echo
 * requests (separate scoring) `num_completion_tokens` also counts the echoed prompt (HELM v0.3.0
 * `basic_metrics.py`, `compute_request_state_metrics`), which would double the prompt.
 */
export function tokensPerRequest(stats: readonly Stat[]): Record<string, TokensPerRequest> {
  const means = new Map<string, Partial<Record<'prompt' | 'output' | 'completion', number>>>();
  const kinds: Record<string, 'prompt' | 'output' | 'completion'> = {
    num_prompt_tokens: 'prompt',
    num_output_tokens: 'output',
    num_completion_tokens: 'completion',
  };
  for (const stat of stats) {
    const kind = kinds[stat.name.name];
    if (!kind || stat.name.perturbation || stat.name.sub_split || stat.count === 0 || !Number.isFinite(stat.sum))
      continue;
    const split = stat.name.split ?? '';
    means.set(split, { ...means.get(split), [kind]: stat.sum / stat.count });
  }
  const out: Record<string, TokensPerRequest> = {};
  for (const [split, mean] of means) {
    if (mean.prompt === undefined) continue;
    out[split] = { prompt: mean.prompt, output: mean.output ?? mean.completion ?? 0 };
  }
  return out;
}

function runLabel(directory: string): string {
  return directory.split('/').pop() || directory;
}

/**
 * Drops what the tables never read: the derived moments (mean, variance, stddev follow from count, sum,
 * sum_squared) and perturbation parameters beyond the four fields HELM's matcher compares.
 */
function compactStat(stat: Stat): Stat {
  const source = stat.name;
  const name: { -readonly [K in keyof MetricName]: MetricName[K] } = { name: source.name };
  if (source.split !== undefined) name.split = source.split;
  if (source.sub_split !== undefined) name.sub_split = source.sub_split;
  if (source.perturbation) {
    const p = source.perturbation;
    name.perturbation = {
      name: p.name,
      ...(p.robustness !== undefined ? { robustness: p.robustness } : {}),
      ...(p.fairness !== undefined ? { fairness: p.fairness } : {}),
      ...(p.computed_on !== undefined ? { computed_on: p.computed_on } : {}),
    };
  }
  const out: { -readonly [K in keyof Stat]: Stat[K] } = {
    name,
    count: stat.count,
    sum: stat.sum,
    sum_squared: stat.sum_squared,
  };
  if (stat.min !== undefined) out.min = stat.min;
  if (stat.max !== undefined) out.max = stat.max;
  return out;
}
