/**
 * One cell of the calibration study (`npm run calibrate`, docs/calibration.md §5): a board or response matrix at one
 * N, calibrated leave-one-model-out with the production procedure (`calibrateDesign`), summarised as the
 * acceptance figures: coverage, q95 |error|, median half-width, their ratio, and the reliability of P(rank ≤ k).
 * On the paired path a draw reports the paired interval only where it is narrower than the unpaired one (the rank
 * service's policy), so the figures are those of what a user is shown.
 */
import type { Board } from '../src-shared/rank/board';
import type { Calibration, CalibrationRecord } from '../src-shared/rank/calibration';
import { calibratePairedPolicy } from '../src-shared/rank/calibration';
import type { StratumLayout } from '../src-shared/rank/classic-layout';
import { CLASSIC_LAYOUT } from '../src-shared/rank/classic-layout';
import { LITE_LAYOUT } from '../src-shared/rank/lite-layout';
import type { CalibrationSettings, DesignStratum } from '../src-shared/rank/design-calibration';
import { calibrateDesign } from '../src-shared/rank/design-calibration';
import { designAt } from '../src-shared/rank/expected-interval';
import type { BoardMatrix } from '../src-shared/rank/paired';
import { createRng, shuffleInPlace } from '../src-shared/rank/prng';
import { DEFAULT_SPREAD_RATIO } from '../src-shared/rank/simulate';
import type { PublishedBoard, ResponseMatrix } from './calibrate-data';
import { airBench22, airBench65, classicBoard, liteBoardLong, liteBoardWide, openLlm } from './calibrate-data';
import type { EfficientSize } from '../src-shared/examples-per-scenario';
import { EFFICIENT_SIZES } from '../src-shared/examples-per-scenario';

/** The boards and matrices of the study, by id. */
export const STUDY_SOURCES = [
  'classic',
  'lite-2408',
  'lite-2406',
  'classic-rasch',
  'lite-2408-rasch',
  'air-bench-22',
  'air-bench-65',
  'ifeval',
  'mmlu-pro',
] as const;
export type StudySource = (typeof STUDY_SOURCES)[number];

export interface StudyTask {
  readonly source: StudySource;
  readonly level: EfficientSize;
  readonly settings: CalibrationSettings;
  /** Also return the raw calibration records (for `--dump`: studying other rules offline). */
  readonly dump?: boolean;
}

/** The acceptance figures of one path. */
export interface PathFigures {
  readonly path: 'simulated' | 'unpaired' | 'paired';
  readonly records: number;
  readonly factor: number | null;
  readonly rawCoverage: number;
  readonly coverage: number;
  readonly q95AbsError: number;
  readonly medianHalfWidth: number;
  readonly reliability: readonly { readonly k: number; readonly meanProbability: number; readonly frequency: number }[];
  /** Paired path: draws where the paired interval was reported (narrower than unpaired). */
  readonly pairedChosen?: number;
  /** Paired path: draws where the reported interval is wider than the unpaired one (must be 0). */
  readonly widerThanUnpaired?: number;
}

export interface StudyCell {
  readonly source: StudySource;
  readonly name: string;
  readonly level: EfficientSize;
  readonly models: number;
  readonly basis: Calibration['basis'];
  readonly paths: readonly PathFigures[];
  /** The pseudo-users' records per estimator, when the task asked for them. */
  readonly records?: Readonly<Record<string, readonly CalibrationRecord[]>>;
}

interface Source {
  readonly name: string;
  readonly board: Board;
  readonly layout: readonly StratumLayout[];
  readonly matrices: readonly BoardMatrix[];
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
function raschSource(published: PublishedBoard, layout: readonly StratumLayout[], seed: number): Source {
  const { board } = published;
  const rng = createRng(seed);
  const columnIndex = new Map(board.columns.map((column, c) => [column.name, c]));
  const matrices: BoardMatrix[] = [];
  const sums = board.models.map(() => new Map<string, { sum: number; count: number }>());
  for (const stratum of layout) {
    const c = columnIndex.get(stratum.column);
    if (c === undefined) continue;
    const difficulty = Array.from({ length: stratum.populationSize }, () => 1.5 * rng.normal());
    const values = board.models.map((_, j) => {
      const cell = board.values[j]?.[c] ?? null;
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
  return {
    name: `${published.name.split(' (')[0]} (Rasch-simulated items)`,
    board: { ...board, values },
    layout,
    matrices,
  };
}

/** A real matrix as a board (one column per item category) with its items in one fixed random run order. */
function realSource(matrix: ResponseMatrix, seed: number): Source {
  const rng = createRng(seed);
  const names = [...new Set(matrix.itemStrata)];
  const matrices: BoardMatrix[] = names.map((name) => {
    // HELM's prefix is a prefix of one seeded shuffle of the pool (docs/helm-fidelity.md §5): shuffle once.
    const items = shuffleInPlace(
      matrix.itemStrata.flatMap((s, i) => (s === name ? [i] : [])),
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
    columns: names.map((name) => ({ name, lowerIsBetter: false })),
    values: matrix.models.map((_, j) =>
      matrices.map((m) => {
        const row = (m.values[j] ?? []).filter((v) => !Number.isNaN(v));
        return row.length > 0 ? row.reduce((a, b) => a + b, 0) / row.length : null;
      }),
    ),
    rule: 'current',
    aggregation: 'win_rate',
  };
  const layout = matrices.map((m) => {
    const N = m.instanceIds.length;
    const sizes = Object.fromEntries(EFFICIENT_SIZES.map((level) => [level, Math.min(level, N)])) as Record<
      EfficientSize,
      number
    >;
    return {
      id: m.stratumId,
      column: m.stratumId,
      populationSize: N,
      sampleSize: sizes,
      binary: matrix.binary,
      requestsPerInstance: 1,
    };
  });
  return { name: matrix.name, board, layout, matrices };
}

/** Loads a source from ../shared/data. */
export function loadSource(shared: string, source: StudySource): Source {
  const simulated = (published: PublishedBoard, layout: readonly StratumLayout[]): Source => ({
    name: `${published.name} (simulated items)`,
    board: published.board,
    layout,
    matrices: [],
  });
  switch (source) {
    case 'classic':
      return simulated(classicBoard(shared), CLASSIC_LAYOUT);
    case 'lite-2408': {
      const board = liteBoardWide(shared);
      return simulated(board, liteLayout(board));
    }
    case 'lite-2406': {
      const board = liteBoardLong(shared);
      return simulated(board, liteLayout(board));
    }
    case 'classic-rasch':
      return raschSource(classicBoard(shared), CLASSIC_LAYOUT, 2026);
    case 'lite-2408-rasch': {
      const board = liteBoardWide(shared);
      return raschSource(board, liteLayout(board), 2026);
    }
    case 'air-bench-22':
      return realSource(airBench22(shared), 2026);
    case 'air-bench-65':
      return realSource(airBench65(shared), 2026);
    case 'ifeval':
      return realSource(
        openLlm(shared, 'IFEVAL_results.csv', 'IFEval (Open LLM Leaderboard v2), 81 models × 541 prompts'),
        2026,
      );
    case 'mmlu-pro':
      return realSource(
        openLlm(shared, 'MMLU-Pro_results.csv', 'MMLU-Pro (Open LLM Leaderboard v2), 43 models × 12,032 items'),
        2026,
      );
  }
}

function figures(calibration: Calibration, path: PathFigures['path']): PathFigures {
  return {
    path,
    records: calibration.records.length,
    factor: calibration.factor,
    rawCoverage: calibration.rawCoverage,
    coverage: calibration.calibratedCoverage,
    q95AbsError: calibration.q95AbsError,
    medianHalfWidth: calibration.medianHalfWidth,
    reliability: calibration.reliability,
  };
}

const width = (record: CalibrationRecord) => record.calibratedInterval[1] - record.calibratedInterval[0];

/** The paired path as a user sees it: the policy's reported intervals, checked against the unpaired ones. */
function reportedPaired(unpaired: Calibration, paired: Calibration): PathFigures {
  const policy = calibratePairedPolicy(unpaired, paired);
  const unpairedBy = new Map(unpaired.records.map((record) => [`${record.model}\u0000${record.draw}`, record]));
  let chosen = 0;
  let wider = 0;
  for (const record of policy.records) {
    const fallback = unpairedBy.get(`${record.model}\u0000${record.draw}`) as CalibrationRecord;
    if (width(record) < width(fallback)) chosen++;
    if (width(record) > width(fallback)) wider++;
  }
  return { ...figures(policy, 'paired'), pairedChosen: chosen, widerThanUnpaired: wider };
}

/** Runs one cell. */
export function runStudyTask(shared: string, task: StudyTask): StudyCell {
  const source = loadSource(shared, task.source);
  const design: DesignStratum[] = designAt(source.layout, task.level);
  const options = { ...task.settings, matrices: source.matrices, level: task.level };
  const unpaired = calibrateDesign(source.board, design, { ...options, mode: 'plain' });
  const paths: PathFigures[] = [figures(unpaired, source.matrices.length > 0 ? 'unpaired' : 'simulated')];
  const paired =
    source.matrices.length > 0 ? calibrateDesign(source.board, design, { ...options, mode: 'paired' }) : null;
  if (paired) paths.push(reportedPaired(unpaired, paired));
  return {
    source: task.source,
    name: source.name,
    level: task.level,
    models: unpaired.models,
    basis: unpaired.basis,
    paths,
    ...(task.dump ? { records: { unpaired: unpaired.records, ...(paired ? { paired: paired.records } : {}) } } : {}),
  };
}
