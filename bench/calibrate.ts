/**
 * `npm run calibrate [-- --resamples B]`: the calibration study of issue #6 (docs/rank-interval.md §8, §11).
 * 1. Fidelity: every published row placed back into its board reproduces the published mean win rate.
 * 2. Aggregate-only boards (Classic v0.4.0, Lite): hold each model out, simulate its per-instance data from its
 *    cells (Bernoulli / Beta, simulate.ts), bootstrap on the efficient confs' prefixes, calibrate leave-one-out.
 * 3. Paired vs unpaired on simulated Rasch matrices consistent with the same boards.
 * 4. Paired vs unpaired on real per-instance matrices (AIR-Bench, Open LLM Leaderboard v2 IFEval / MMLU-Pro).
 * Coverage is leave-one-out (ĉ refitted without the held-out model). B defaults to 1,000 here (users get
 * 2,000) to finish in a few minutes on one core.
 */
import type { Board } from '../src-shared/rank/board';
import type { Calibration } from '../src-shared/rank/calibration';
import { calibrate } from '../src-shared/rank/calibration';
import type { StratumLayout } from '../src-shared/rank/classic-layout';
import { CLASSIC_LAYOUT } from '../src-shared/rank/classic-layout';
import { LITE_LAYOUT } from '../src-shared/rank/lite-layout';
import type { BoardMatrix } from '../src-shared/rank/paired';
import { choosePaired, pairedStrata } from '../src-shared/rank/paired';
import { placeModel } from '../src-shared/rank/placement';
import { createRng, shuffleInPlace } from '../src-shared/rank/prng';
import { DEFAULT_SPREAD_RATIO, fitSpreadRatio } from '../src-shared/rank/simulate';
import { rowCells, withoutModel } from '../src-shared/rank/board';
import { HELM_PUBLISHED_TRADEOFF } from '../src-shared/rank/tradeoff';
import { sharedData, sharedPath } from '../dev/testing/shared-data';
import { simulatedCalibration } from '../src-main/services/rank/tradeoff-service';
import type { PublishedBoard, ResponseMatrix } from './calibrate-data';
import { airBench22, airBench65, classicBoard, liteBoardLong, liteBoardWide, openLlm } from './calibrate-data';
import { readFileSync } from 'node:fs';
import { EFFICIENT_SIZES } from '../src-shared/examples-per-scenario';

const argIndex = process.argv.indexOf('--resamples');
const RESAMPLES = argIndex > 0 ? Number(process.argv[argIndex + 1]) : 1000;
const SEED = 2026;

const fmt = (x: number | null, digits = 2) => (x === null || Number.isNaN(x) ? '   -' : x.toFixed(digits));
const helmCi = (level: number) => HELM_PUBLISHED_TRADEOFF.find((row) => row.examplesPerScenario === level)?.ci95 ?? '-';

function printHeader(): void {
  console.log(
    'board / method                         N     raw cov  ĉ      cal cov  med ±   q95 ±   med|err| q95|err|  HELM',
  );
}
function printRow(label: string, c: Calibration): void {
  console.log(
    `${label.padEnd(38)} ${String(c.level).padEnd(5)} ${fmt(c.rawCoverage).padStart(7)}  ${fmt(c.factor).padStart(5)}  ${fmt(c.calibratedCoverage).padStart(7)}  ${fmt(c.medianHalfWidth, 1).padStart(6)}  ${fmt(c.q95HalfWidth, 1).padStart(6)}  ${fmt(c.medianAbsError, 1).padStart(7)}  ${fmt(c.q95AbsError, 1).padStart(7)}  ${helmCi(c.level)}`,
  );
}

/** The docs/rank-interval.md §9 policy on this design: keep paired only if narrower at ≥ 0.95 leave-one-out coverage. */
function printChoice(unpaired: Calibration, paired: Calibration): void {
  const choice = choosePaired(unpaired, paired);
  console.log(`    → ${choice.usePaired ? 'use paired' : 'keep unpaired'} (${choice.reason})`);
}

function fidelity(published: PublishedBoard): void {
  const { board } = published;
  let maxError = 0;
  board.models.forEach((_, j) => {
    const mwr = placeModel(withoutModel(board, j), rowCells(board, j), { userRowIndex: j }).score ?? Number.NaN;
    maxError = Math.max(maxError, Math.abs(mwr - (published.publishedMwr[j] as number)));
  });
  console.log(
    `${published.name}: ${board.models.length} models × ${board.columns.length} columns; placed-back MWR vs published: max |error| ${maxError.toFixed(4)} (3-decimal cells)`,
  );
}

/** A published Lite CSV's column name → the Lite run group (`NaturalQuestions(open)`, `naturalquestions_open`, …). */
const LITE_COLUMN_OF: readonly (readonly [RegExp, string])[] = [
  [/^narrativeqa/, 'narrative_qa'],
  [/^naturalquestions.*open/, 'natural_qa_openbook_longans'],
  [/^naturalquestions.*closed/, 'natural_qa_closedbook'],
  [/^openbookqa/, 'openbookqa'],
  [/^mmlu/, 'mmlu'],
  [/^math/, 'math_chain_of_thought'],
  [/^gsm/, 'gsm'],
  [/^legalbench/, 'legalbench'],
  [/^medqa/, 'med_qa'],
  [/^wmt/, 'wmt_14'],
];

/** HELM Lite's strata layout (src-shared/rank/lite-layout.ts) with columns named as the published board names them. */
function liteLayout(published: PublishedBoard): StratumLayout[] {
  const boardColumn = new Map<string, string>();
  for (const column of published.board.columns) {
    const key = column.name.toLowerCase().replace(/[^a-z0-9]/g, '');
    const group = LITE_COLUMN_OF.find(([pattern]) => pattern.test(key))?.[1];
    if (group) boardColumn.set(group, column.name);
  }
  return LITE_LAYOUT.map((stratum) => ({ ...stratum, column: boardColumn.get(stratum.column) ?? stratum.column }));
}

/** Rasch-style matrices matching each model's cells: item difficulty b ~ N(0, 1.5²), ability solved by bisection. */
function raschMatrices(
  board: Board,
  layout: readonly StratumLayout[],
  seed: number,
): { board: Board; matrices: BoardMatrix[] } {
  const rng = createRng(seed);
  const columnIndex = new Map(board.columns.map((column, c) => [column.name, c]));
  const matrices: BoardMatrix[] = [];
  const sums = board.models.map(() => new Map<string, { sum: number; count: number }>());
  for (const stratum of layout) {
    const c = columnIndex.get(stratum.column);
    if (c === undefined) continue;
    const difficulty = Array.from({ length: stratum.populationSize }, () => 1.5 * rng.normal());
    const present = board.models.map((_, j) => board.values[j]?.[c] ?? null);
    const values = present.map((cell) => {
      if (cell === null) return difficulty.map(() => Number.NaN);
      let lo = -12;
      let hi = 12;
      for (let step = 0; step < 50; step++) {
        const mid = (lo + hi) / 2;
        const m = difficulty.reduce((s, b) => s + 1 / (1 + Math.exp(b - mid)), 0) / difficulty.length;
        if (m < cell) lo = mid;
        else hi = mid;
      }
      return difficulty.map((b) => {
        const p = 1 / (1 + Math.exp(b - lo));
        if (stratum.binary) return rng.next() < p ? 1 : 0;
        const k = 1 / DEFAULT_SPREAD_RATIO - 1;
        return rng.beta(Math.max(p, 1e-3) * k, Math.max(1 - p, 1e-3) * k);
      });
    });
    values.forEach((row, j) => {
      if (Number.isNaN(row[0] as number)) return;
      const acc = sums[j]?.get(stratum.column) ?? { sum: 0, count: 0 };
      acc.sum += row.reduce((a, b) => a + b, 0) / row.length;
      acc.count += 1;
      sums[j]?.set(stratum.column, acc);
    });
    matrices.push({
      stratumId: stratum.id,
      instanceIds: difficulty.map((_, i) => `i${i}`),
      models: board.models,
      values,
    });
  }
  const values = board.models.map((_, j) =>
    board.columns.map((column) => {
      const acc = sums[j]?.get(column.name);
      return acc ? acc.sum / acc.count : null;
    }),
  );
  return { board: { ...board, values }, matrices };
}

/** Unpaired and paired leave-one-out calibrations on per-instance matrices (real or simulated). */
function matrixCalibrations(
  board: Board,
  matrices: readonly BoardMatrix[],
  columnOf: ReadonlyMap<string, string>,
  binaryOf: ReadonlyMap<string, boolean>,
  level: number,
  sampleSize: (stratumId: string) => number = () => level,
): [Calibration, Calibration] {
  const sizes = new Map(matrices.map((m) => [m.stratumId, m.instanceIds.length]));
  const observedFor = (j: number) =>
    matrices
      .filter((m) => !Number.isNaN(m.values[j]?.[0] as number))
      .map((m) => {
        const n = Math.min(sampleSize(m.stratumId), m.instanceIds.length);
        return {
          id: m.stratumId,
          column: columnOf.get(m.stratumId) as string,
          instanceIds: m.instanceIds.slice(0, n),
          values: (m.values[j] ?? []).slice(0, n),
          binary: binaryOf.get(m.stratumId) ?? false,
        };
      });
  const options = { resamples: RESAMPLES, seed: SEED, basis: 'per-instance' as const };
  const unpaired = calibrate(
    board,
    level,
    (j) => {
      const observed = observedFor(j);
      return observed.length > 0
        ? { strata: observed.map((o) => ({ ...o, populationSize: sizes.get(o.id) as number })) }
        : null;
    },
    options,
  );
  const paired = calibrate(
    board,
    level,
    (j) => {
      const observed = observedFor(j);
      if (observed.length === 0) return null;
      const outcome = pairedStrata(observed, matrices, { excludeModel: board.models[j] as string });
      return outcome.method === 'paired' ? { strata: outcome.strata } : null;
    },
    options,
  );
  return [unpaired, paired];
}

function realMatrixStudy(matrix: ResponseMatrix): void {
  const rng = createRng(SEED);
  const strataNames = [...new Set(matrix.itemStrata)];
  const matrices: BoardMatrix[] = strataNames.map((name) => {
    // HELM's prefix is one fixed random permutation of the pool (docs/helm-fidelity.md §5): shuffle once, take prefixes.
    const items = shuffleInPlace(
      matrix.itemStrata.map((s, i) => (s === name ? i : -1)).filter((i) => i >= 0),
      rng,
    );
    return {
      stratumId: name,
      instanceIds: items.map(String),
      models: matrix.models,
      values: matrix.values.map((row) => items.map((i) => row[i] as number)),
    };
  });
  const board: Board = {
    models: matrix.models,
    columns: strataNames.map((name) => ({ name, lowerIsBetter: false })),
    values: matrix.models.map((_, j) =>
      matrices.map((m) => {
        const row = (m.values[j] ?? []).filter((v) => !Number.isNaN(v));
        return row.length > 0 ? row.reduce((a, b) => a + b, 0) / row.length : null;
      }),
    ),
    rule: 'current',
    aggregation: 'win_rate',
  };
  console.log(`\n${matrix.name}: strata sizes ${matrices.map((m) => m.instanceIds.length).join('/')}`);
  printHeader();
  const columnOf = new Map(strataNames.map((s) => [s, s]));
  const binaryOf = new Map(strataNames.map((s) => [s, matrix.binary]));
  for (const level of EFFICIENT_SIZES) {
    const [unpaired, paired] = matrixCalibrations(board, matrices, columnOf, binaryOf, level);
    printRow('  unpaired (real items)', unpaired);
    printRow('  paired, IRT shift (real items)', paired);
    printChoice(unpaired, paired);
  }
}

function spreadFit(): void {
  const path = sharedPath(
    'every_eval_ever',
    'tests_data_helm',
    'narrative_qa-model=openai_gpt2',
    'per_instance_stats.json',
  );
  const entries = JSON.parse(readFileSync(path, 'utf8')) as {
    stats: { name: { name: string }; sum: number; count: number }[];
  }[];
  const values = (metric: string) =>
    entries.flatMap((e) => e.stats.filter((s) => s.name.name === metric).map((s) => s.sum / s.count));
  const babi = JSON.parse(readFileSync(sharedPath('helm-examples', 'run', 'display_predictions.json'), 'utf8')) as {
    stats: Record<string, number>;
  }[];
  console.log(
    `Spread ratio ρ = Var/(m(1−m)) on real per-instance stats: NarrativeQA F1 ${fmt(fitSpreadRatio(values('f1_score')))}, ROUGE-L ${fmt(fitSpreadRatio(values('rouge_l')))} (5 items); ` +
      `bAbI quasi-EM ${fmt(fitSpreadRatio(babi.map((row) => row.stats.quasi_exact_match ?? 0)))} (3,000 rows, 0/1). Default for graded metrics: ${DEFAULT_SPREAD_RATIO} (conservative).`,
  );
}

async function studyMain(): Promise<void> {
  if (!sharedData) {
    console.log('../shared/data is not available: nothing to calibrate on.');
    return;
  }
  const started = performance.now();
  console.log(`Calibration study: B = ${RESAMPLES} per leave-one-out bootstrap, α = 0.05, seed ${SEED}.\n`);
  spreadFit();
  const boards = [classicBoard(sharedData), liteBoardWide(sharedData), liteBoardLong(sharedData)];
  console.log('');
  boards.forEach(fidelity);

  console.log('\nAggregate-only path (simulated per-instance data from published cells: approximate)');
  printHeader();
  for (const published of boards) {
    const layout = published.name.startsWith('Classic') ? CLASSIC_LAYOUT : liteLayout(published);
    for (const level of EFFICIENT_SIZES)
      printRow(
        `  ${published.name.split(' (')[0]}`,
        simulatedCalibration(published.board, layout, level, RESAMPLES, SEED),
      );
  }

  console.log('\nSimulated Rasch matrices consistent with the boards: unpaired vs paired');
  printHeader();
  for (const published of boards.slice(0, 2)) {
    const layout = published.name.startsWith('Classic') ? CLASSIC_LAYOUT : liteLayout(published);
    const { board, matrices } = raschMatrices(published.board, layout, SEED);
    const columnOf = new Map(layout.map((s) => [s.id, s.column]));
    const binaryOf = new Map(layout.map((s) => [s.id, s.binary]));
    for (const level of EFFICIENT_SIZES) {
      // Each run's n_r at a conf comes from the layout (e.g. 1 item per RAFT subset at _10), not the conf's N.
      const sampleSizes = new Map(layout.map((s) => [s.id, s.sampleSize[level]]));
      const [unpaired, paired] = matrixCalibrations(
        board,
        matrices,
        columnOf,
        binaryOf,
        level,
        (id) => sampleSizes.get(id) ?? level,
      );
      printRow(`  ${published.name.split(' (')[0]} unpaired`, unpaired);
      printRow(`  ${published.name.split(' (')[0]} paired`, paired);
      printChoice(unpaired, paired);
    }
  }

  realMatrixStudy(airBench22(sharedData));
  realMatrixStudy(airBench65(sharedData));
  realMatrixStudy(
    openLlm(sharedData, 'IFEVAL_results.csv', 'IFEval (Open LLM Leaderboard v2), 81 models × 541 prompts'),
  );
  realMatrixStudy(
    openLlm(sharedData, 'MMLU-Pro_results.csv', 'MMLU-Pro (Open LLM Leaderboard v2), 43 models × 12,032 items'),
  );
  console.log(
    `\nHELM's published table: ${HELM_PUBLISHED_TRADEOFF.map((row) => `${row.examplesPerScenario} → ${row.ci95}`).join(', ')} (docs/efficient_benchmarking.md).`,
  );
  console.log(`Done in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
}

await studyMain();
