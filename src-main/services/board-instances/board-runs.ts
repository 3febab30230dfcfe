/**
 * Which leaderboard runs carry each model's main-metric cell per core run group, and where their
 * `per_instance_stats.json` lives in HELM's bucket.
 *
 * - Run-archive boards (Classic v0.3.0) list their runs with `run_spec.groups` and suite: a run counts for a column
 *   when its groups contain the column's group and none is a `this_group_only` group (HELM's
 *   `filter_runs_by_visibility`, docs/helm-fidelity.md §7.1 item 4).
 * - Release-file boards (Classic v0.4.0, Lite) have no run specs, only `runs_to_run_suites.json` (run name → suite,
 *   docs/helm-fidelity.md §1). The group is read from the run name (docs/helm-fidelity.md §4), and names with a `groups=` argument (entry
 *   groups, i.e. ablations) or a non-canonical `data_augmentation` (contrast sets) are left out, as their runs are
 *   in `this_group_only` groups. The model is the name's `model=` argument, whose `/` HELM replaced by `_`.
 */
import type { BoardSchema, ColumnSpec } from '../../../src-shared/leaderboard/schema';
import type { LeaderboardIndex } from '../leaderboards/leaderboard-index';
import { parseRunName } from '../../../src-shared/helm/run-name';
import type { ParsedRunName } from '../../../src-shared/helm/run-name';

/** One leaderboard run whose per-instance stats a stratum needs. */
export interface BoardRunRef {
  /** HELM run name, e.g. `boolq:model=openai_davinci,data_augmentation=canonical`. */
  readonly run: string;
  /** Suite folder under `runs/`, e.g. `v0.3.0`. */
  readonly suite: string;
  /** The board's model id (a row of the index), e.g. `openai/davinci`. */
  readonly model: string;
  /** Column (leaf run group), e.g. `boolq`. */
  readonly column: string;
  /** Main metric and split of the column. */
  readonly metric: string;
  readonly split: string;
}

/** Filters of {@link selectBoardRuns}. */
export interface RunSelection {
  /** Board model ids to keep; all when absent. */
  readonly models?: readonly string[] | undefined;
  /** Column groups to keep; all Accuracy columns when absent. */
  readonly columns?: readonly string[] | undefined;
}

/** Runs to download for a board. `runsToSuites` is required for release-file boards. */
export function selectBoardRuns(
  index: LeaderboardIndex,
  schema: BoardSchema,
  runsToSuites: Readonly<Record<string, string>> | null,
  selection: RunSelection = {},
): BoardRunRef[] {
  const columns = (index.tables.accuracy?.columns ?? []).filter(
    (column) => !selection.columns || selection.columns.includes(column.group),
  );
  const byGroup = new Map<string, ColumnSpec>(columns.map((column) => [column.group, column]));
  const models = new Set(selection.models ?? index.models);
  const hidden = new Set(schema.thisGroupOnly ?? []);
  const refs: BoardRunRef[] = [];
  const add = (run: string, suite: string, model: string, group: string) => {
    const column = byGroup.get(group);
    if (!column || !models.has(model)) return;
    refs.push({ run, suite, model, column: group, metric: column.metric, split: column.split });
  };
  if (index.runs.length > 0) {
    for (const run of index.runs) {
      if (run.groups.some((group) => hidden.has(group))) continue;
      const group = run.groups.find((candidate) => byGroup.has(candidate));
      // An archive without suite folders is HELM's single release suite (the archive unpacks into runs/<release>/).
      if (group) add(run.name, run.suite ?? index.release, run.model, group);
    }
    return refs;
  }
  if (!runsToSuites) return refs;
  const modelByToken = new Map(index.models.map((model) => [model.replace(/\//g, '_'), model]));
  for (const [run, suite] of Object.entries(runsToSuites)) {
    const parsed = parseRunName(run);
    if (parsed.args.has('groups') || parsed.args.has('only_contrast')) continue;
    const augmentation = parsed.args.get('data_augmentation');
    if (augmentation !== undefined && augmentation !== 'canonical') continue;
    const model = modelByToken.get(parsed.args.get('model') ?? '');
    const group = groupOfRunName(parsed);
    if (model && group) add(run, suite, model, group);
  }
  return refs.sort((a, b) => a.run.localeCompare(b.run));
}

// Run-spec function → run group, from the Classic run specs (v0.3.0 `run_specs.py`, `groups=[…]` of each
// function) and HEAD's Lite run specs. Functions whose group depends on an argument are handled below.
const GROUP_OF_BASE: Readonly<Record<string, string>> = {
  mmlu: 'mmlu',
  boolq: 'boolq',
  narrative_qa: 'narrative_qa',
  quac: 'quac',
  truthful_qa: 'truthful_qa',
  summarization_cnndm: 'summarization_cnndm',
  summarization_xsum: 'summarization_xsum',
  // HEAD names XSUM runs after the sampled spec (docs/helm-fidelity.md §4); the Classic column is still summarization_xsum.
  summarization_xsum_sampled: 'summarization_xsum',
  imdb: 'imdb',
  civil_comments: 'civil_comments',
  raft: 'raft',
  gsm: 'gsm',
  legalbench: 'legalbench',
  med_qa: 'med_qa',
  wmt_14: 'wmt_14',
};

/** The run group a run name belongs to, or null when it is not a core scenario we know. */
export function groupOfRunName(parsed: ParsedRunName): string | null {
  const { base, args } = parsed;
  switch (base) {
    case 'natural_qa': {
      const mode = args.get('mode');
      return mode === 'closedbook' || mode === 'openbook_longans' ? `natural_qa_${mode}` : null;
    }
    case 'commonsense': {
      const dataset = args.get('dataset');
      return dataset === 'hellaswag' || dataset === 'openbookqa' ? dataset : null;
    }
    case 'msmarco': {
      const track = args.get('track');
      return track === 'regular' || track === 'trec' ? `msmarco_${track}` : null;
    }
    case 'math':
      return args.get('use_chain_of_thought') === 'True' ? 'math_chain_of_thought' : null;
    default:
      return GROUP_OF_BASE[base] ?? null;
  }
}

/**
 * URLs of a run file, one per bucket base (tried in order): `<base>runs/<suite>/<run>/<file>`, each path component
 * URL-encoded as HELM's frontend does (`helm-frontend/src/utils/getBenchmarkEndpoint.ts`).
 */
export function runFileUrls(bases: readonly string[], suite: string, run: string, file: string): string[] {
  const path = ['runs', suite, run, file].map((component) => encodeURIComponent(component)).join('/');
  return bases.map((base) => `${base.replace(/\/*$/, '/')}${path}`);
}

const BUCKET = 'https://storage.googleapis.com/crfm-helm-public/';

/**
 * The `…/benchmark_output/` folders a board's runs may live in: the one its source URL names (release folders sit
 * at `<prefix>benchmark_output/releases/<release>/`), then the project's known prefixes (Classic has none; HEAD
 * docs also list `classic/`, docs/helm-fidelity.md §1).
 */
export function benchmarkOutputBases(project: string, sourceUrl: string | null): string[] {
  const bases: string[] = [];
  const match = sourceUrl ? /^(https?:\/\/.+?\/benchmark_output\/)/.exec(sourceUrl) : null;
  if (match?.[1]) bases.push(match[1]);
  const prefixes = project === 'classic' ? ['', 'classic/'] : [`${project}/`];
  for (const prefix of prefixes) bases.push(`${BUCKET}${prefix}benchmark_output/`);
  return [...new Set(bases)];
}
