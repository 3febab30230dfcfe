/**
 * Golden tests against HELM's published leaderboards in ../shared/data: mean win rates (and mean scores) recomputed
 * from the published 3-decimal cells must match the published aggregate column. Skipped when ../shared is absent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData, sharedPath } from '../../dev/testing/shared-data';
import type { TableName, WinRateRule } from '../api/leaderboards';
import { firstSeenOrder, sortModels } from './cells';
import type { BoardSchema } from './schema';
import { CAPABILITIES_SCHEMA, CLASSIC_SCHEMA, LITE_SCHEMA } from './schema';
import { buildLeaderboardTable, contaminationMask } from './table';
import { meanWinRates } from './win-rate';

/** One model of every_eval_ever's per-model JSON: `{tab → {header → published cell}}`. */
interface EveryEvalModel {
  displayName: string;
  tabs: Map<string, Map<string, { score: number; description: string | null }>>;
}

function readJsonFiles(dir: string): unknown[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown);
}

function readEveryEval(dir: string): EveryEvalModel[] {
  // Test boundary: the every_eval_ever schema 0.0.1 shape, documented in ../shared/data/README.md §2a.
  type File = {
    model_info: { name: string };
    evaluation_results: {
      evaluation_name: string;
      score_details: { score: number; details: { description: string | null; tab: string } };
    }[];
  };
  return readJsonFiles(dir).map((raw) => {
    const file = raw as File;
    const tabs = new Map<string, Map<string, { score: number; description: string | null }>>();
    for (const result of file.evaluation_results) {
      const tab = tabs.get(result.score_details.details.tab) ?? new Map();
      tab.set(result.evaluation_name, {
        score: result.score_details.score,
        description: result.score_details.details.description,
      });
      tabs.set(result.score_details.details.tab, tab);
    }
    return { displayName: file.model_info.name, tabs };
  });
}

/**
 * A published cell's value. every_eval_ever stores empty cells as −1, and true zeros too (recovered from the
 * description). With `precise`, the value is `sum / count` from the description: the 3-decimal `score` turns many
 * close cells into ties, which the legacy rule breaks by row position instead of by the true order.
 */
function publishedValue(
  cell: { score: number; description: string | null } | undefined,
  precise: boolean,
): number | null {
  if (!cell) return null;
  if (cell.score === -1 && !cell.description?.startsWith('min=0, mean=0,')) return null;
  const described = /^min=[^,]*, mean=[^,]*, max=[^,]*, sum=(\S+) \((\d+)\)/.exec(cell.description ?? '');
  if (precise && described) return Number(described[1]) / Number(described[2]);
  return cell.score === -1 ? 0 : cell.score;
}

/**
 * Classic v0.4.0's row order: summarize.py at v0.4.0 sorts rows on `model_deployment`, `""` for all runs made before
 * v0.4.0, so rows keep the order models first appear in (mmlu, the first leaf, in suites v0.3.0 then v0.4.0, run
 * directories sorted). Rebuilt from the release's run → suite map.
 */
function classicV040RowOrder(): string[] {
  const runsToSuites = JSON.parse(
    readFileSync(sharedPath('helm-examples', 'runs_to_runsuites.json'), 'utf8'),
  ) as Record<string, string>;
  const suites = ['v0.3.0', 'v0.4.0'];
  const runs = Object.entries(runsToSuites)
    .filter(([name]) => !name.includes('groups=ablation'))
    .sort(([a, suiteA], [b, suiteB]) => suites.indexOf(suiteA) - suites.indexOf(suiteB) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([name]) => {
      // `model=together_t0pp` → `together/t0pp`: run names replace the model's first `/` with `_`.
      const token = /[,:]model=([^,]+)/.exec(name)?.[1] ?? '';
      return { model: token.replace('_', '/'), groups: [name.slice(0, name.indexOf(':'))] };
    });
  return firstSeenOrder(runs, CLASSIC_SCHEMA.leaves);
}

const TABS: Record<TableName, string> = {
  accuracy: 'Accuracy',
  calibration: 'Calibration',
  robustness: 'Robustness',
  fairness: 'Fairness',
  efficiency: 'Efficiency',
};

interface CheckOptions {
  rule: WinRateRule;
  aggregateHeader: string;
  /** Row order; models not in it are appended in schema order. */
  rowOrder?: readonly string[];
  precise: boolean;
  tolerance: number;
}

/** Rebuilds one published tab from its cells; `published` is the aggregate column as every_eval_ever stores it. */
function buildEveryEvalTable(
  models: EveryEvalModel[],
  schema: BoardSchema,
  table: TableName,
  options: Omit<CheckOptions, 'tolerance'>,
) {
  const columns = schema.tables[table]!;
  const displayToModel = new Map(Object.entries(schema.displayNames ?? {}).map(([model, display]) => [display, model]));
  const byModel = new Map(models.map((model) => [displayToModel.get(model.displayName) ?? model.displayName, model]));
  const sorted = sortModels([...byModel.keys()], schema.rowOrder);
  const first = (options.rowOrder ?? []).filter((model) => byModel.has(model));
  const order = [...first, ...sorted.filter((model) => !first.includes(model))];
  // Every schema column is present in the published tab (headers as HELM prints them).
  for (const column of columns)
    expect(
      models.some((model) => model.tabs.get(TABS[table])?.has(column.header)),
      column.header,
    ).toBe(true);
  const values = order.map((model) =>
    columns.map((column) =>
      publishedValue(byModel.get(model)!.tabs.get(TABS[table])?.get(column.header), options.precise),
    ),
  );
  const result = buildLeaderboardTable({ name: 'published', table, rule: options.rule, schema, models: order, values });
  const published = (model: string): number =>
    byModel.get(model)!.tabs.get(TABS[table])!.get(options.aggregateHeader)!.score;
  return { result, published };
}

/** Asserts every row's recomputed aggregate is within `tolerance` of the published one; returns the largest error. */
function checkEveryEval(
  models: EveryEvalModel[],
  schema: BoardSchema,
  table: TableName,
  options: CheckOptions,
): number {
  const { result, published } = buildEveryEvalTable(models, schema, table, options);
  let maxError = 0;
  for (const row of result.rows) {
    const expected = published(row.model);
    if (expected === -1) {
      // −1 is an empty aggregate or a true 0.
      if (row.meanWinRate !== null) expect(row.meanWinRate).toBeLessThan(0.0005);
      continue;
    }
    expect(row.meanWinRate, `${row.model} ${table}`).not.toBeNull();
    const error = Math.abs(row.meanWinRate! - expected);
    maxError = Math.max(maxError, error);
    expect(error, `${row.model} ${table}: computed ${row.meanWinRate}, published ${expected}`).toBeLessThanOrEqual(
      options.tolerance,
    );
  }
  return maxError;
}

describe.skipIf(!sharedData)('published HELM Classic v0.4.0 (every_eval_ever/helm_classic)', () => {
  const models = sharedData ? readEveryEval(sharedPath('every_eval_ever', 'helm_classic')) : [];
  const rowOrder = sharedData ? classicV040RowOrder() : [];

  it('maps every published display name to a schema model, and every model to a row of the release', () => {
    expect(models).toHaveLength(67);
    const known = new Set(Object.values(CLASSIC_SCHEMA.displayNames ?? {}));
    expect(models.filter((model) => !known.has(model.displayName)).map((model) => model.displayName)).toEqual([]);
    const names = models.map(
      (model) =>
        Object.entries(CLASSIC_SCHEMA.displayNames ?? {}).find(([, display]) => display === model.displayName)![0],
    );
    expect(names.filter((name) => !rowOrder.includes(name))).toEqual([]);
  });

  for (const table of ['accuracy', 'calibration', 'robustness', 'fairness', 'efficiency'] as TableName[]) {
    it(`legacy mean win rates of the ${table} tab agree within 0.006 for every model`, () => {
      const maxError = checkEveryEval(models, CLASSIC_SCHEMA, table, {
        rule: 'legacy',
        aggregateHeader: 'Mean win rate',
        rowOrder,
        precise: true,
        tolerance: 0.006,
      });
      expect(maxError).toBeGreaterThan(0); // the published column is rounded to 3 decimals
    });
  }

  it('T0pp’s ☠ cells are strong contamination points, and excluding them is needed to reproduce its win rate', () => {
    const t0pp = models.find((model) => model.displayName === 'T0pp (11B)')!;
    const marked = CLASSIC_SCHEMA.tables.accuracy!.filter((column) =>
      t0pp.tabs.get('Accuracy')!.get(column.header)!.description?.includes('☠'),
    );
    const strong = CLASSIC_SCHEMA.strongContamination
      .filter((point) => point.model === 'together/t0pp')
      .map((point) => point.group);
    expect(marked.length).toBeGreaterThan(0);
    for (const column of marked) expect(strong).toContain(column.group);

    const noExclusion: BoardSchema = { ...CLASSIC_SCHEMA, strongContamination: [] };
    const errorOf = (schema: BoardSchema): number => {
      const { result, published } = buildEveryEvalTable(models, schema, 'accuracy', {
        rule: 'legacy',
        aggregateHeader: 'Mean win rate',
        rowOrder,
        precise: true,
      });
      const row = result.rows.find((r) => r.model === 'together/t0pp')!;
      return Math.abs(row.meanWinRate! - published('together/t0pp'));
    };
    expect(errorOf(CLASSIC_SCHEMA)).toBeLessThanOrEqual(0.006);
    expect(errorOf(noExclusion)).toBeGreaterThan(0.006);
  });
});

/** IBM benchbench long CSV `model,score,scenario,…`: one row per (model, scenario). */
function readLongCsv(file: string): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const line of readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
    const [model, score, scenario] = line.split(',');
    const row = out.get(model!) ?? new Map<string, number>();
    row.set(scenario!, Number(score));
    out.set(model!, row);
  }
  return out;
}

const CLASSIC_CSV_SCENARIOS: Record<string, string> = {
  mmlu: 'mmlu',
  boolq: 'boolq',
  narrative_qa: 'narrativeqa',
  natural_qa_closedbook: 'naturalquestions_closed',
  natural_qa_openbook_longans: 'naturalquestions_open',
  quac: 'quac',
  hellaswag: 'hellaswag',
  openbookqa: 'openbookqa',
  truthful_qa: 'truthfulqa',
  msmarco_regular: 'ms_marco_regular',
  msmarco_trec: 'ms_marco_trec',
  summarization_cnndm: 'cnn/dailymail',
  summarization_xsum: 'xsum',
  imdb: 'imdb',
  civil_comments: 'civilcomments',
  raft: 'raft',
};

/** benchbench ids are display names lower-cased with runs of other characters replaced by `_` (`t0pp_11b`). */
const benchbenchId = (displayName: string): string =>
  displayName
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '_')
    .replace(/_+$/, '');

describe.skipIf(!sharedData)('published HELM Classic v0.4.0 Accuracy (leaderboards/helm_classic_240130.csv)', () => {
  /** The CSV's 67 rows as a table in HELM's schema columns, with our model names. */
  function csvTable(rule: WinRateRule) {
    const csv = readLongCsv(sharedPath('leaderboards', 'helm_classic_240130.csv'));
    const idToModel = new Map(
      Object.entries(CLASSIC_SCHEMA.displayNames ?? {}).map(([model, display]) => [benchbenchId(display), model]),
    );
    const rows = [...csv.keys()].map((id) => ({ id, model: idToModel.get(id) ?? id }));
    expect(rows.filter((row) => row.model === row.id)).toEqual([]);
    const order = sortModels(
      rows.map((row) => row.model),
      CLASSIC_SCHEMA.rowOrder,
    );
    const idOf = new Map(rows.map((row) => [row.model, row.id]));
    const columns = CLASSIC_SCHEMA.tables.accuracy!;
    const values = order.map((model) =>
      columns.map((column) => csv.get(idOf.get(model)!)!.get(CLASSIC_CSV_SCENARIOS[column.group]!) ?? null),
    );
    const table = buildLeaderboardTable({
      name: 'classic',
      table: 'accuracy',
      rule,
      schema: CLASSIC_SCHEMA,
      models: order,
      values,
    });
    const published = (model: string): number => csv.get(idOf.get(model)!)!.get('helm_mwr')!;
    return { table, published };
  }

  it('mean win rates with average ties and T0pp’s strong cells excluded agree within 0.006 for all 67 models', () => {
    // The CSV's cells are rounded to 3 decimals, which creates ties that were not ties in HELM's data; averaging
    // them is the rounding-neutral choice (docs/helm-fidelity.md §7.2 reports max error 0.0054 this way).
    const { table, published } = csvTable('legacy');
    const columns = CLASSIC_SCHEMA.tables.accuracy!;
    const models = table.rows.map((row) => row.model);
    const values = table.rows.map((row) => columns.map((column) => row.cells[column.group] ?? null));
    const rates = meanWinRates(
      values,
      columns.map((column) => column.lowerIsBetter),
      { rule: 'current', invalid: contaminationMask(models, columns, CLASSIC_SCHEMA) },
    );
    expect(rates).toHaveLength(67);
    rates.forEach((rate, i) => expect(Math.abs(rate! - published(models[i]!)), models[i]).toBeLessThanOrEqual(0.006));
    expect(table.rows[0]!.model).toBe('meta/llama-2-70b');
  });

  it('legacy mean win rates (row-order ties, T0pp’s strong cells excluded) agree within 0.01 for all 67 models', () => {
    // Within 0.006 needs the cells' full precision (see the every_eval_ever test above, which recovers sum/count):
    // on 3-decimal cells, rounding ties are broken by row position, which moves cohere/xlarge-20220609 by 0.0062.
    const { table, published } = csvTable('legacy');
    for (const row of table.rows)
      expect(Math.abs(row.meanWinRate! - published(row.model)), row.model).toBeLessThanOrEqual(0.01);
  });
});

describe.skipIf(!sharedData)('published HELM Lite Accuracy (leaderboards/helm_lite_*.csv)', () => {
  it('current-rule mean win rates agree within 0.006 (helm_lite_240829.csv, wide)', () => {
    const [header, ...lines] = readFileSync(sharedPath('leaderboards', 'helm_lite_240829.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(header!.split(',')).toHaveLength(12);
    // Column order of the CSV is the schema_lite.yaml leaf order after the model and the mean win rate.
    const parsed = lines.map((line) => {
      const cells = line.split(',');
      return {
        model: cells[0]!,
        published: Number(cells[1]),
        values: cells.slice(2).map((cell) => (cell === '' ? null : Number(cell))),
      };
    });
    expect(parsed[0]!.values).toHaveLength(LITE_SCHEMA.tables.accuracy!.length);
    const table = buildLeaderboardTable({
      name: 'lite',
      table: 'accuracy',
      rule: 'current',
      schema: LITE_SCHEMA,
      models: parsed.map((row) => row.model),
      values: parsed.map((row) => row.values),
    });
    expect(table.rows).toHaveLength(72);
    const published = new Map(parsed.map((row) => [row.model, row.published]));
    for (const row of table.rows)
      expect(Math.abs(row.meanWinRate! - published.get(row.model)!), row.model).toBeLessThanOrEqual(0.006);
  });

  it('current-rule mean win rates agree within 0.006 (helm_lite_240610.csv, long)', () => {
    const csv = readLongCsv(sharedPath('leaderboards', 'helm_lite_240610.csv'));
    const scenarios = [
      'narrativeqa',
      'naturalquestions_open',
      'naturalquestions_closed',
      'openbookqa',
      'mmlu',
      'math',
      'gsm8k',
      'legalbench',
      'medqa',
      'wmt_2014',
    ];
    const models = [...csv.keys()];
    const values = models.map((model) => scenarios.map((scenario) => csv.get(model)!.get(scenario) ?? null));
    const table = buildLeaderboardTable({
      name: 'lite',
      table: 'accuracy',
      rule: 'current',
      schema: LITE_SCHEMA,
      models,
      values,
    });
    expect(table.rows).toHaveLength(48);
    for (const row of table.rows)
      expect(Math.abs(row.meanWinRate! - csv.get(row.model)!.get('helm_lite_mwr')!), row.model).toBeLessThanOrEqual(
        0.006,
      );
  });
});

describe.skipIf(!sharedData)('published HELM Capabilities v1.12.0 (every_eval_ever/helm_capabilities)', () => {
  it('the mean score of the Accuracy and Efficiency tabs is the mean of the published cells', () => {
    const models = readEveryEval(sharedPath('every_eval_ever', 'helm_capabilities'));
    expect(models).toHaveLength(61);
    for (const table of ['accuracy', 'efficiency'] as TableName[]) {
      checkEveryEval(models, CAPABILITIES_SCHEMA, table, {
        rule: 'current',
        aggregateHeader: 'Mean score',
        precise: false,
        tolerance: 0.001,
      }); // cells and aggregate are both rounded to 3 decimals
    }
  });
});
