/**
 * A fake {@link AppPort} for component tests: every channel answers from small in-memory state, any channel
 * can be overridden, events are pushed with `emit`, and every call is recorded.
 */
import { CHANNEL_NAMES } from '../../src-shared/api/contract';
import type { ErrorDetails } from '../../src-shared/errors';
import type {
  AppApi,
  AppEventPayload,
  AppPort,
  AppRequest,
  AppResponse,
  ChannelName,
  EventName,
} from '../../src-shared/api/contract';
import type { CatalogueEntry, LeaderboardSummary, LeaderboardTable } from '../../src-shared/api/leaderboards';
import type { HistoryEntry } from '../../src-shared/api/history';
import type { ExpectedIntervalView, RankedTable, RankResult, TradeoffTableView } from '../../src-shared/api/rank';
import { fakeInstancePage, fakeInstanceRun } from './fake-instances';
import type { RunProgressView } from '../../src-shared/api/runs';
import type { ExamplesPerScenario } from '../../src-shared/examples-per-scenario';
import type { Settings } from '../../src-shared/api/settings';
import { DEFAULT_SETTINGS } from '../../src-shared/api/settings';
import { AppError } from '../../src-shared/errors';

export type FakeOverrides = { [K in ChannelName]?: (request: AppRequest<K>) => Promise<AppResponse<K>> };

export interface FakePort extends AppPort {
  readonly calls: { name: ChannelName; request: unknown }[];
  emit<K extends EventName>(name: K, payload: AppEventPayload<K>): void;
}

export const FAKE_COLUMNS = ['mmlu', 'boolq', 'imdb'];

export function fakeCatalogue(): CatalogueEntry[] {
  return [
    {
      id: 'classic-v0.3.0',
      title: 'HELM Classic v0.3.0',
      project: 'classic',
      release: 'v0.3.0',
      kind: 'run-archive',
      urls: ['https://example.test/run_stats.zip'],
      approxBytes: 2_000_000,
      winRateRule: 'legacy',
      isDefault: true,
      description: 'The Efficient-HELM leaderboard.',
    },
    {
      id: 'lite-v1.0.0',
      title: 'HELM Lite v1.0.0',
      project: 'lite',
      release: 'v1.0.0',
      kind: 'release-files',
      urls: ['https://example.test/lite'],
      approxBytes: null,
      winRateRule: 'current',
      isDefault: false,
      description: 'HELM Lite.',
    },
  ];
}

/** A leaderboard table of `count` models with descending mean win rates. */
export function fakeTable(name: string, count: number): LeaderboardTable {
  const rows = Array.from({ length: count }, (_, index) => {
    const meanWinRate = 1 - index / Math.max(1, count);
    return {
      model: `org/model-${String(index + 1).padStart(3, '0')}`,
      displayName: `Model ${index + 1}`,
      meanWinRate,
      rank: index + 1,
      cells: Object.fromEntries(
        FAKE_COLUMNS.map((column, c) => [column, Math.round((0.9 - index * 0.005 - c * 0.01) * 1000) / 1000]),
      ),
    };
  });
  return {
    name,
    table: 'accuracy',
    winRateRule: 'legacy',
    columns: FAKE_COLUMNS,
    headers: ['MMLU - EM', 'BoolQ - EM', 'IMDB - EM'],
    lowerIsBetter: [false, false, false],
    rows,
  };
}

export function fakeSummary(name: string, models: number): LeaderboardSummary {
  return {
    name,
    catalogueId: 'classic-v0.3.0',
    title: 'HELM Classic v0.3.0',
    importedAt: '2026-01-01T00:00:00.000Z',
    sourceUrl: 'https://example.test/run_stats.zip',
    sha256: null,
    models,
    runs: models * 3,
    columns: FAKE_COLUMNS,
    tables: ['accuracy'],
    winRateRule: 'legacy',
    warnings: 0,
  };
}

export function fakeRankResult(runId: string, leaderboard: string): RankResult {
  return {
    model: 'me/my-model',
    leaderboard,
    rank: 3,
    rankInterval: [2, 5],
    meanWinRate: 0.78,
    meanWinRateInterval: [0.7, 0.84],
    method: 'bootstrap',
    calibrated: true,
    calibrationBasis: 'simulated',
    certain: false,
    calibrationNote: 'Calibrated on the leaderboard (leave-one-model-out).',
    probRankAtMost: { '1': 0.02, '3': 0.55, '5': 0.97, '10': 1 },
    probRankAtMostCalibrated: true,
    tiedWith: ['org/model-002', 'org/model-003'],
    tiedWithIncludingBoardNoise: ['org/model-001', 'org/model-002', 'org/model-003', 'org/model-004'],
    boardNoiseNote: "T2 view: the board's cells drawn too.",
    cells: { mmlu: 0.85, boolq: 0.8, imdb: 0.9 },
    examplesPerScenario: 10,
    scenarios: null,
  };
}

/** The ranked table for {@link fakeRankResult} on {@link fakeTable}: the user's row inserted at its rank. */
export function fakeRankedTable(result: RankResult, table: LeaderboardTable): RankedTable {
  const tied = new Set(result.tiedWith);
  const board = table.rows.map((row) => ({
    rank: 0,
    model: row.model,
    displayName: row.displayName,
    meanWinRate: row.meanWinRate,
    isYou: false,
    isTied: tied.has(row.model),
    cells: row.cells,
  }));
  const you = {
    rank: result.rank,
    model: result.model,
    displayName: null,
    meanWinRate: result.meanWinRate,
    isYou: true,
    isTied: false,
    cells: result.cells,
  };
  const rows = [...board.slice(0, result.rank - 1), you, ...board.slice(result.rank - 1)].map((row, index) => ({
    ...row,
    rank: index + 1,
  }));
  return {
    leaderboard: result.leaderboard,
    columns: table.columns,
    headers: table.headers,
    lowerIsBetter: table.lowerIsBetter,
    rows,
  };
}

export function fakeTradeoff(leaderboard: string, scenarios: readonly string[] = []): TradeoffTableView {
  const share = scenarios.length === 0 ? 1 : Math.min(1, scenarios.length / FAKE_COLUMNS.length);
  const table: TradeoffTableView = {
    leaderboard,
    scenarios: scenarios.length === 0 ? FAKE_COLUMNS : [...scenarios],
    calibrationBasis: 'simulated',
    source: 'leave-one-model-out on 12 models (release v0.3.0), 20 draws each',
    notCalibrated: null,
    rows: [
      {
        examplesPerScenario: 10,
        medianRankError: 4,
        p95RankError: 12,
        medianHalfWidth: 4,
        q95HalfWidth: 12,
        calibrated: true,
        coverage: 0.95,
        requests: 161,
        tokens: 612000,
        computeSaved: 128,
      },
      {
        examplesPerScenario: 20,
        medianRankError: 3,
        p95RankError: 9,
        medianHalfWidth: 3,
        q95HalfWidth: 9,
        calibrated: true,
        coverage: 0.95,
        requests: 320,
        tokens: 1215000,
        computeSaved: 65,
      },
      {
        examplesPerScenario: 50,
        medianRankError: 2,
        p95RankError: 6,
        medianHalfWidth: 2,
        q95HalfWidth: 6,
        calibrated: true,
        coverage: 0.96,
        requests: 786,
        tokens: 2980000,
        computeSaved: 26,
      },
      {
        examplesPerScenario: 100,
        medianRankError: 2,
        p95RankError: 4,
        medianHalfWidth: 2,
        q95HalfWidth: 4,
        calibrated: true,
        coverage: 0.95,
        requests: 1600,
        tokens: 6010000,
        computeSaved: 13,
      },
      {
        examplesPerScenario: 1000,
        medianRankError: 0,
        p95RankError: 1,
        medianHalfWidth: 0,
        q95HalfWidth: 1,
        calibrated: true,
        coverage: 0.97,
        requests: 16000,
        tokens: 60500000,
        computeSaved: 1.3,
      },
      {
        examplesPerScenario: 'all',
        medianRankError: 0,
        p95RankError: 0,
        medianHalfWidth: 0,
        q95HalfWidth: 0,
        calibrated: true,
        coverage: null,
        requests: 20700,
        tokens: 78300000,
        computeSaved: 1,
      },
    ],
    published: [
      { examplesPerScenario: 10, plusMinus: 5, computeSaved: 400 },
      { examplesPerScenario: 20, plusMinus: 4, computeSaved: 200 },
      { examplesPerScenario: 50, plusMinus: 3, computeSaved: 80 },
      { examplesPerScenario: 1000, plusMinus: 1, computeSaved: 4 },
    ],
    tokensBasis:
      "Tokens: the board's median num_prompt_tokens + output tokens per request on the main split for every scenario.",
    publishedSource:
      'HELM docs/get_helm_rank.md (v0.4.0); measured on Classic v0.2.2 with every model subsampled on the same examples',
  };
  // Like the real table: every column describes the chosen scenarios, so fewer of them cost less and widen the interval.
  const widen = (value: number | null) => (value === null ? null : Math.round((value / Math.sqrt(share)) * 2) / 2);
  return {
    ...table,
    rows: table.rows.map((row) => ({
      ...row,
      medianHalfWidth: widen(row.medianHalfWidth),
      q95HalfWidth: widen(row.q95HalfWidth),
      requests: row.requests === null ? null : Math.round(row.requests * share),
      tokens: row.tokens === null ? null : Math.round(row.tokens * share),
    })),
  };
}

export function fakeExpectedInterval(
  leaderboard: string,
  examplesPerScenario: ExamplesPerScenario,
  scenarios: readonly string[] = [],
): ExpectedIntervalView {
  const row = fakeTradeoff(leaderboard, scenarios).rows.find(
    (candidate) => candidate.examplesPerScenario === examplesPerScenario,
  );
  return {
    leaderboard,
    examplesPerScenario,
    scenarios: scenarios.length > 0 ? [...scenarios] : FAKE_COLUMNS,
    halfWidth: row?.medianHalfWidth ?? 0,
    q95HalfWidth: row?.q95HalfWidth ?? 0,
    calibrated: true,
    coverage: row?.coverage ?? 1,
    medianRankError: row?.medianRankError ?? 0,
    p95RankError: row?.p95RankError ?? 0,
    models: 12,
    calibrationBasis: 'simulated',
    mainSplitItems: 100,
    source: 'Leave-one-model-out on this leaderboard (fake).',
  };
}

export function fakeProgress(runId: string, patch: Partial<RunProgressView> = {}): RunProgressView {
  return {
    runId,
    status: 'running',
    scenarios: FAKE_COLUMNS.map((scenario) => ({ scenario, done: 0, total: 10, skipped: false })),
    requestsDone: 0,
    requestsTotal: 30,
    promptTokens: 0,
    completionTokens: 0,
    costUsd: 0,
    etaSeconds: null,
    warnings: [],
    error: null,
    ...patch,
  };
}

export function createFakePort(overrides: FakeOverrides = {}): FakePort {
  let settings: Settings = { ...DEFAULT_SETTINGS };
  const secrets = new Map<string, string>();
  const imported: LeaderboardSummary[] = [];
  const history: HistoryEntry[] = [];
  const calls: { name: ChannelName; request: unknown }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const defaults: { [K in ChannelName]: (request: AppRequest<K>) => Promise<AppResponse<K>> } = {
    'catalogue.list': async () => fakeCatalogue(),
    'leaderboards.list': async () => imported,
    'leaderboards.import': async () => ({ jobId: 'job-1' }),
    'leaderboards.cancelImport': async () => ({ cancelled: true }),
    'leaderboards.mirror': async () => ({
      mirror: settings.mirror,
      source: settings.mirror ? 'settings' : 'none',
      fallback: null,
      fallbackSource: null,
    }),
    'leaderboards.upload': async (request) => ({
      uploadId: request.uploadId ?? 'upload-1',
      bytes: request.offset + atob(request.data).length,
      source: request.done ? `/uploads/${request.fileName}` : null,
    }),
    'leaderboards.choosePath': async () => ({ supported: false, path: null }),
    'leaderboards.table': async (request) => fakeTable(request.name, 12),
    'models.testConnection': async () => ({
      ok: true,
      latencyMs: 42,
      chat: true,
      completions: true,
      logprobs: true,
      scenariosNeedingLogprobs: ['hellaswag', 'openbookqa'],
      tokenLogprobs: true,
      scenariosRankedByLogprobs: ['msmarco'],
      error: null,
    }),
    'settings.get': async () => settings,
    'settings.update': async (patch) => (settings = { ...settings, ...patch }),
    'secrets.set': async (request) => {
      const origin = new URL(request.baseUrl).origin;
      secrets.set(request.id, origin);
      return { id: request.id, present: true, source: 'memory' as const, origin };
    },
    'secrets.status': async (request) => ({
      id: request.id,
      present: secrets.has(request.id),
      source: secrets.has(request.id) ? ('memory' as const) : null,
      origin: secrets.get(request.id) ?? null,
    }),
    'secrets.delete': async (request) => (
      secrets.delete(request.id),
      { id: request.id, present: false, source: null, origin: null }
    ),
    'runs.plan': async (request) => {
      const per = request.config.examplesPerScenario === 'all' ? 1000 : request.config.examplesPerScenario;
      return {
        examplesPerScenario: request.config.examplesPerScenario,
        runs: FAKE_COLUMNS.map((scenario) => ({
          name: `${scenario}:model=me,max_eval_instances=${per}`,
          scenario,
          groups: [scenario],
          requests: per,
          estimatedPromptTokens: per * 500,
        })),
        totals: {
          requests: per * 3,
          estimatedPromptTokens: per * 1500,
          estimatedCompletionTokens: per * 15,
          estimatedCostUsd: per * 0.003,
          estimatedSeconds: per * 3,
        },
        fullRunRequests: 3000,
      };
    },
    'runs.start': async () => ({ runId: 'run-1' }),
    'runs.pause': async (request) => fakeProgress(request.runId, { status: 'paused' }),
    'runs.resume': async (request) => fakeProgress(request.runId),
    'runs.cancel': async (request) => fakeProgress(request.runId, { status: 'cancelled' }),
    'runs.status': async (request) => fakeProgress(request.runId),
    'rank.result': async (request) => fakeRankResult(request.runId, 'classic-v0.3.0'),
    'rank.table': async (request) =>
      fakeRankedTable(fakeRankResult(request.runId, 'classic-v0.3.0'), fakeTable('x', 12)),
    'rank.tradeoff': async (request) => fakeTradeoff(request.leaderboard, request.scenarios ?? []),
    'rank.expectedInterval': async (request) =>
      fakeExpectedInterval(request.leaderboard, request.examplesPerScenario, request.scenarios),
    'history.list': async () => history,
    'history.export': async (request) => ({
      fileName: `${request.runId}.${request.format}`,
      mimeType: request.format === 'csv' ? 'text/csv' : 'application/json',
      content: request.format === 'csv' ? 'model,rank\nme/my-model,3\n' : '{"rank":3}',
    }),
    'history.delete': async (request) => {
      const at = history.findIndex((entry) => entry.runId === request.runId);
      if (at >= 0) history.splice(at, 1);
      return { deleted: at >= 0 };
    },
    'instances.runs': async () => [fakeInstanceRun],
    'instances.page': async (request) => fakeInstancePage(request),
  };

  const api = {} as Record<ChannelName, (request: unknown) => Promise<unknown>>; // cast: filled for every channel below
  for (const name of CHANNEL_NAMES) {
    api[name] = async (request: unknown) => {
      calls.push({ name, request });
      const handler = (overrides[name] ?? defaults[name]) as (request: unknown) => Promise<unknown>; // cast: handler for this very channel
      return handler(request);
    };
  }

  return {
    api: api as unknown as AppApi, // cast: every channel filled above
    calls,
    on: (name, listener) => {
      const set = listeners.get(name) ?? new Set();
      const wrapped = listener as (payload: unknown) => void; // cast: emit() is typed per event
      set.add(wrapped);
      listeners.set(name, set);
      return () => set.delete(wrapped);
    },
    emit: (name, payload) => {
      for (const listener of listeners.get(name) ?? []) listener(payload);
    },
  };
}

/** Rejects like a real service would, for error-path tests. */
export function failWith(code: string, message: string, details?: ErrorDetails): () => Promise<never> {
  return async () => {
    throw AppError.fromData(details === undefined ? { code, message } : { code, message, details });
  };
}
