/**
 * The computed trade-off table (docs/rank-interval.md §11): for each efficient conf, the calibrated rank
 * precision a user can expect on *this* leaderboard — one {@link ExpectedInterval} per conf, the planning
 * function the Budget step uses too — beside the cost, and beside HELM's published table, which measured another
 * experiment (every model subsampled on the same items, Classic v0.2.2,
 * docs/rank-interval.md §2) and so must never be shown as our
 * precision.
 */
import type { StratumLayout } from './classic-layout';
import { budgetAt, fullBudget } from './classic-layout';
import type { ExpectedInterval } from './expected-interval';
import { quantile } from './quantile';
import type { TokenRates } from './tokens';
import { tokenRates, tokensAt } from './tokens';

/** HELM's table, as published (HEAD `docs/efficient_benchmarking.md`; v0.4.0 `docs/get_helm_rank.md`). */
export const HELM_PUBLISHED_TRADEOFF: readonly {
  readonly examplesPerScenario: number | 'all';
  readonly ci95: string;
  readonly computeSaved: string;
}[] = [
  { examplesPerScenario: 10, ci95: '±5', computeSaved: '×400' },
  { examplesPerScenario: 20, ci95: '±4', computeSaved: '×200' },
  { examplesPerScenario: 50, ci95: '±3', computeSaved: '×80' },
  { examplesPerScenario: 200, ci95: '±2', computeSaved: '×20' },
  { examplesPerScenario: 1000, ci95: '±1', computeSaved: '×4' },
  { examplesPerScenario: 'all', ci95: '±1', computeSaved: '×1' },
];
export const HELM_PUBLISHED_SOURCE =
  'HELM docs/efficient_benchmarking.md (HEAD) and docs/get_helm_rank.md (v0.4.0), after Perlitz et al. 2023; measured on Classic v0.2.2 with every model subsampled on the same examples';

/** Rank tiers of the table (by the pseudo-user's true rank). */
export const RANK_TIERS = [
  { label: '1-5', from: 1, to: 5 },
  { label: '6-15', from: 6, to: 15 },
  { label: '16-35', from: 16, to: 35 },
  { label: '36+', from: 36, to: Number.POSITIVE_INFINITY },
] as const;

/** One row of the computed table. */
export interface TradeoffRow {
  readonly level: number;
  /** Main-split items scored per model at this conf (sum over strata). */
  readonly mainSplitItems: number;
  /** Model requests per model (items × requests per instance). */
  readonly requests: number;
  /** Estimated prompt + output tokens per model at this conf; see {@link TradeoffTable.tokensBasis}. */
  readonly tokens: number;
  /** Full-configuration requests ÷ this conf's requests. */
  readonly computeSaved: number;
  readonly medianAbsError: number;
  readonly q95AbsError: number;
  /** q95 |r̂ − r| per tier; null when the tier has no model. */
  readonly q95AbsErrorByTier: Readonly<Record<string, number | null>>;
  readonly probWithin2: number;
  readonly rawCoverage: number;
  readonly factor: number | null;
  /** Whether the row's intervals are calibrated (false: too few models; see {@link TradeoffTable.notCalibrated}). */
  readonly calibrated: boolean;
  /** Leave-one-out coverage of the calibrated intervals; null when not calibrated (then `rawCoverage` is the one). */
  readonly calibratedCoverage: number | null;
  /**
   * The expected half-width of the interval a run reports, median over pseudo-users: calibrated, or the raw
   * bootstrap interval when not calibrated ({@link ExpectedInterval}).
   */
  readonly medianHalfWidth: number;
  readonly q95HalfWidth: number;
  /** What the row's calibration rests on. */
  readonly calibrationBasis: 'per-instance' | 'simulated';
  /** HELM's published CI at the same examples per scenario, when it lists one. */
  readonly helmPublishedCi: string | null;
}

export interface TradeoffTable {
  readonly rows: readonly TradeoffRow[];
  /** Board columns the table is for (all, or the chosen subset). */
  readonly scenarios: readonly string[];
  /**
   * "calibrated on K models of release R", plus "(simulated per-instance data: approximate)" when so; on a board too
   * small to calibrate, "not calibrated: …" with the reason.
   */
  readonly basis: string;
  /** Why the rows are not calibrated ("12 models are too few for a 95 % conformal factor"); null when they are. */
  readonly notCalibrated: string | null;
  /** What the calibration held out in turn, for each face to word: models, the board's release, draws per model. */
  readonly calibratedOn: { readonly models: number; readonly release: string; readonly draws: number };
  /** Requests and tokens of the full configuration (every main-split item), the reference of "× saved". */
  readonly fullRunRequests: number;
  readonly fullRunTokens: number;
  /** Where tokens per request come from (the board's own runs or stated defaults), per {@link TokenRates}. */
  readonly tokensBasis: string;
  readonly helmPublished: typeof HELM_PUBLISHED_TRADEOFF;
  readonly helmSource: string;
}

/**
 * Builds the table from one expected interval per conf level, on the layout of the scenarios they cover.
 * `release` names the board in the caption ("release v0.4.0"); `rates` default to the stated per-scenario token
 * defaults (a board without run stats).
 */
export function computeTradeoff(
  expected: readonly ExpectedInterval[],
  boardLayout: readonly StratumLayout[],
  release: string,
  rates?: TokenRates,
): TradeoffTable {
  const scenarios = [...new Set(expected.flatMap((row) => row.scenarios))];
  const wanted = new Set(scenarios);
  const layout = boardLayout.filter((stratum) => wanted.has(stratum.column));
  const full = fullBudget(layout);
  const tokenRate = rates ?? tokenRates([...new Set(layout.map((stratum) => stratum.column))], {});
  const rows = expected.flatMap((row): TradeoffRow[] => {
    const calibration = row.calibration;
    if (row.level === 'all' || !calibration) return [];
    const level = row.level;
    const budget = budgetAt(layout, level);
    const errors = calibration.records.map((record) => Math.abs(record.estimate - record.truth));
    const byTier: Record<string, number | null> = {};
    for (const tier of RANK_TIERS) {
      const inTier = calibration.records
        .filter((record) => record.truth >= tier.from && record.truth <= tier.to)
        .map((record) => Math.abs(record.estimate - record.truth));
      byTier[tier.label] = inTier.length > 0 ? quantile(inTier, 0.95) : null;
    }
    const published = HELM_PUBLISHED_TRADEOFF.find((entry) => entry.examplesPerScenario === level);
    return [
      {
        level,
        mainSplitItems: row.mainSplitItems,
        requests: budget.requests,
        tokens: tokensAt(layout, level, tokenRate),
        computeSaved: budget.requests > 0 ? full.requests / budget.requests : Number.NaN,
        medianAbsError: row.medianAbsError,
        q95AbsError: row.q95AbsError,
        q95AbsErrorByTier: byTier,
        probWithin2: errors.length > 0 ? errors.filter((e) => e <= 2).length / errors.length : Number.NaN,
        rawCoverage: calibration.rawCoverage,
        factor: row.factor,
        calibrated: row.calibrated,
        calibratedCoverage: row.calibrated ? row.coverage : null,
        medianHalfWidth: row.halfWidth,
        q95HalfWidth: row.q95HalfWidth,
        calibrationBasis: row.basis,
        helmPublishedCi: published?.ci95 ?? null,
      },
    ];
  });
  const models = Math.max(0, ...expected.map((row) => row.models));
  const draws = Math.max(0, ...expected.map((row) => row.calibration?.draws ?? 0));
  const simulated = expected.some((row) => row.calibration && row.basis === 'simulated');
  const notCalibrated = expected.find((row) => !row.calibrated)?.notCalibratedReason ?? null;
  const data = simulated ? ' (simulated per-instance data: approximate; conservative for graded metrics)' : '';
  return {
    rows,
    scenarios,
    basis:
      notCalibrated === null
        ? `calibrated on ${models} models of ${release}, ${draws} draws each, leave-one-model-out${data}`
        : `not calibrated: ${notCalibrated}; ± and coverage are of the raw bootstrap interval a run reports, over ${models} models of ${release}, ${draws} draws each, leave-one-model-out${data}`,
    notCalibrated,
    calibratedOn: { models, release, draws },
    fullRunRequests: full.requests,
    fullRunTokens: tokensAt(layout, 'full', tokenRate),
    tokensBasis: tokenRate.basis,
    helmPublished: HELM_PUBLISHED_TRADEOFF,
    helmSource: HELM_PUBLISHED_SOURCE,
  };
}

/** Plain-text rendering for the CLI and the calibration study. */
export function formatTradeoff(table: TradeoffTable): string {
  const header =
    'N     items  requests     tokens  saved   med|err|  q95|err|  q95 by tier (1-5/6-15/16-35/36+)  P(|err|<=2)  raw cov  c     cal cov  med ±  q95 ±  HELM';
  const fmt = (x: number | null, digits = 1) => (x === null || Number.isNaN(x) ? '-' : x.toFixed(digits));
  const lines = table.rows.map((row) =>
    [
      String(row.level).padEnd(5),
      String(row.mainSplitItems).padStart(5),
      String(row.requests).padStart(9),
      formatTokens(row.tokens).padStart(10),
      `×${fmt(row.computeSaved)}`.padStart(7),
      fmt(row.medianAbsError).padStart(9),
      fmt(row.q95AbsError).padStart(9),
      RANK_TIERS.map((tier) => fmt(row.q95AbsErrorByTier[tier.label] ?? null, 0))
        .join(' / ')
        .padStart(33),
      fmt(row.probWithin2, 2).padStart(12),
      fmt(row.rawCoverage, 2).padStart(8),
      fmt(row.factor, 2).padStart(5),
      fmt(row.calibratedCoverage, 2).padStart(8),
      `${fmt(row.medianHalfWidth)}${row.calibrated ? '' : '*'}`.padStart(6),
      `${fmt(row.q95HalfWidth)}${row.calibrated ? '' : '*'}`.padStart(6),
      (row.helmPublishedCi ?? '-').padStart(5),
    ].join(' '),
  );
  const helm = table.helmPublished
    .map((row) => `${row.examplesPerScenario}: ${row.ci95} ${row.computeSaved}`)
    .join('; ');
  const raw = table.notCalibrated === null ? '' : '* raw bootstrap interval, not calibrated (see Basis).\n';
  return `${header}\n${lines.join('\n')}\n${raw}Basis: ${table.basis}.\nFull run: ${formatTokens(table.fullRunTokens)} tokens. ${table.tokensBasis}\nHELM's published table (${table.helmSource}): ${helm}.\n`;
}

/** 1234567 → "1.23M"; small counts stay exact. */
function formatTokens(tokens: number): string {
  if (tokens >= 1e6) return `${(tokens / 1e6).toFixed(2)}M`;
  if (tokens >= 1e4) return `${(tokens / 1e3).toFixed(0)}k`;
  return String(tokens);
}
