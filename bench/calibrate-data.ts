/**
 * Loaders for the calibration study (`npm run calibrate`): the published boards in ../shared/data/leaderboards
 * and the real per-instance matrices in ../shared/data/per-instance (see their READMEs).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Board } from '../src-shared/rank/board';

/** Classic v0.4.0 CSV scenario names → our column ids (docs/helm-fidelity.md §8 leaves). */
const CLASSIC_COLUMNS: Record<string, string> = {
  mmlu: 'mmlu',
  boolq: 'boolq',
  narrativeqa: 'narrative_qa',
  naturalquestions_closed: 'natural_qa_closedbook',
  naturalquestions_open: 'natural_qa_openbook_longans',
  quac: 'quac',
  hellaswag: 'hellaswag',
  openbookqa: 'openbookqa',
  truthfulqa: 'truthful_qa',
  ms_marco_regular: 'msmarco_regular',
  ms_marco_trec: 'msmarco_trec',
  'cnn/dailymail': 'summarization_cnndm',
  xsum: 'summarization_xsum',
  imdb: 'imdb',
  raft: 'raft',
  civilcomments: 'civil_comments',
};
/** T0pp's strongly contaminated Classic cells (helm-config/v0.3.0/contamination.yaml), left out of the win rate. */
const T0PP_STRONG = new Set(['boolq', 'summarization_cnndm', 'hellaswag', 'imdb', 'openbookqa', 'summarization_xsum']);

function csv(path: string): string[][] {
  return parse(readFileSync(path, 'utf8'), { relaxColumnCount: true }) as string[][]; // csv-parse returns rows of strings
}

export interface PublishedBoard {
  readonly name: string;
  readonly board: Board;
  /** The published mean win rate per model (3 decimals). */
  readonly publishedMwr: readonly number[];
  /** Columns scored on a graded metric (F1, ROUGE-2, RR@10, NDCG@10, BLEU-4). */
  readonly graded: ReadonlySet<string>;
}

/** `model,score,scenario,...` long format (Classic v0.4.0, Lite 240610). */
function longBoard(
  name: string,
  path: string,
  columnMap: (scenario: string) => string | null,
  mwrScenario: string,
  graded: Set<string>,
  contaminated: (model: string, column: string) => boolean,
): PublishedBoard {
  const rows = csv(path).slice(1);
  const models: string[] = [];
  const cells = new Map<string, Map<string, number>>();
  const mwr = new Map<string, number>();
  for (const [model = '', score = '', scenario = ''] of rows) {
    if (!cells.has(model)) {
      models.push(model);
      cells.set(model, new Map());
    }
    if (scenario === mwrScenario) mwr.set(model, Number(score));
    const column = columnMap(scenario);
    if (column) cells.get(model)?.set(column, Number(score));
  }
  const columns = [...new Set(models.flatMap((model) => [...(cells.get(model)?.keys() ?? [])]))];
  return {
    name,
    board: {
      models,
      columns: columns.map((column) => ({ name: column, lowerIsBetter: false })),
      values: models.map((model) =>
        columns.map((column) => (contaminated(model, column) ? null : (cells.get(model)?.get(column) ?? null))),
      ),
      rule: 'current',
      aggregation: 'win_rate',
    },
    publishedMwr: models.map((model) => mwr.get(model) ?? Number.NaN),
    graded,
  };
}

export function classicBoard(shared: string): PublishedBoard {
  return longBoard(
    'Classic v0.4.0 (helm_classic_240130.csv)',
    join(shared, 'leaderboards', 'helm_classic_240130.csv'),
    (scenario) => CLASSIC_COLUMNS[scenario] ?? null,
    'helm_mwr',
    new Set([
      'narrative_qa',
      'natural_qa_closedbook',
      'natural_qa_openbook_longans',
      'quac',
      'msmarco_regular',
      'msmarco_trec',
      'summarization_cnndm',
      'summarization_xsum',
    ]),
    (model, column) => model === 't0pp_11b' && T0PP_STRONG.has(column),
  );
}

const LITE_GRADED = new Set(['narrativeqa', 'naturalquestions_open', 'naturalquestions_closed', 'wmt_2014']);

export function liteBoardLong(shared: string): PublishedBoard {
  return longBoard(
    'Lite 2024-06 (helm_lite_240610.csv)',
    join(shared, 'leaderboards', 'helm_lite_240610.csv'),
    (s) => (s === 'helm_lite_mwr' ? null : s),
    'helm_lite_mwr',
    LITE_GRADED,
    () => false,
  );
}

/** Lite 2024-08, wide format: `model,helm_lite,HELM_Lite_<scenario>…`. */
export function liteBoardWide(shared: string): PublishedBoard {
  const [header = [], ...rows] = csv(join(shared, 'leaderboards', 'helm_lite_240829.csv'));
  const columns = header.slice(2).map((h) => h.replace(/^HELM_Lite_/, ''));
  const graded = new Set(columns.filter((c) => /NarrativeQA|NaturalQuestions|WMT/.test(c)));
  return {
    name: 'Lite 2024-08 (helm_lite_240829.csv)',
    board: {
      models: rows.map((row) => row[0] ?? ''),
      columns: columns.map((name) => ({ name, lowerIsBetter: false })),
      values: rows.map((row) => row.slice(2).map((v) => (v === '' ? null : Number(v)))),
      rule: 'current',
      aggregation: 'win_rate',
    },
    publishedMwr: rows.map((row) => Number(row[1])),
    graded,
  };
}

/** A real response matrix: models × items, with each item's stratum (category). */
export interface ResponseMatrix {
  readonly name: string;
  readonly models: readonly string[];
  /** values[model][item]. */
  readonly values: readonly Float64Array[];
  /** Stratum (board column) of each item. */
  readonly itemStrata: readonly string[];
  readonly binary: boolean;
}

/** `reeval` wide matrices: header `,0,1,…`, rows `<model>,v,v,…`. */
function reevalMatrix(path: string): { models: string[]; values: Float64Array[] } {
  const [, ...rows] = csv(path);
  return {
    models: rows.map((row) => row[0] ?? ''),
    values: rows.map((row) => Float64Array.from(row.slice(1), Number)),
  };
}

export function airBench22(shared: string): ResponseMatrix {
  const folder = join(shared, 'per-instance', 'air-bench-2024_helm-22-models');
  const { models, values } = reevalMatrix(join(folder, 'base_matrix.csv'));
  const key = csv(join(folder, 'base_openai_gpt-4o-2024-05-13_result.csv')).slice(1);
  const strata = new Array<string>(values[0]?.length ?? 0).fill('?');
  for (const row of key) strata[Number(row[0])] = row[2] ?? '?';
  return {
    name: 'AIR-Bench 2024, 22 HELM models × 1,898 prompts, 16 L2 categories (0 / 0.5 / 1)',
    models,
    values,
    itemStrata: strata,
    binary: false,
  };
}

export function airBench65(shared: string): ResponseMatrix {
  const key = csv(
    join(shared, 'per-instance', 'air-bench-2024_helm-22-models', 'base_openai_gpt-4o-2024-05-13_result.csv'),
  ).slice(1);
  const { models, values } = reevalMatrix(
    join(shared, 'per-instance', 'air-bench-2024_65-models-binary', 'base_matrix.csv'),
  );
  // Column j is base prompt 204 + j (README §2).
  const strata = Array.from({ length: values[0]?.length ?? 0 }, (_, j) => key[204 + j]?.[2] ?? '?');
  return {
    name: 'AIR-Bench 2024 binary, 65 models × 433 prompts, 5 L2 categories',
    models,
    values,
    itemStrata: strata,
    binary: true,
  };
}

/** Open LLM Leaderboard v2 `*_results.csv`: columns by id (not in numeric order), rows de-duplicated by model. */
export function openLlm(shared: string, file: string, label: string): ResponseMatrix {
  const [header = [], ...rows] = csv(join(shared, 'per-instance', 'open-llm-leaderboard-v2', file));
  const ids = header.slice(2).map(Number);
  const order = ids.map((id, column) => ({ id, column })).sort((a, b) => a.id - b.id);
  const seen = new Map<string, Float64Array>();
  for (const row of rows) {
    const model = row[0] ?? '';
    if (seen.has(model)) continue; // first row is complete (README §3)
    seen.set(
      model,
      Float64Array.from(order, ({ column }) =>
        row[column + 2] === '' || row[column + 2] === undefined ? Number.NaN : Number(row[column + 2]),
      ),
    );
  }
  const models = [...seen.keys()];
  return {
    name: label,
    models,
    values: models.map((m) => seen.get(m) as Float64Array),
    itemStrata: ids.map(() => label.split(' ')[0] ?? 'all'),
    binary: true,
  };
}
