/**
 * `helm-rank run … --leaderboard NAME --target-width W [--budget-usd X | --budget-requests N]`: adaptive
 * refinement (src-main/services/runs/adaptive-run.ts). Each stage is one ordinary run per level (its own run
 * id and HELM run directories) followed by a calibrated ranking against the leaderboard. `--strategy
 * most-uncertain [--max-scenarios K]` raises only the scenarios the policy picks; their latest runs are then
 * gathered (run_spec, stats and per-instance stats) under `<data dir>/adaptive/<first run id>/` and ranked
 * together. One line per stage on stdout — N, new requests, cost so far, rank and interval — then the final
 * rank; `--json` prints `{ stages, stopReason, targetWidth, budget, strategy, rankedPath, rank }` instead,
 * `rank` being the `rank --json` report.
 */
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CliContext } from '../command';
import type { ParsedCliArgs } from '../options';
import { BoardInstanceService } from '../../services/board-instances/board-instance-service';
import { dataPaths } from '../../services/data-dir';
import { loadLeaderboardIndex } from '../../services/leaderboards/leaderboard-index';
import { boardFromIndex } from '../../services/rank/board-from-index';
import { rankRuns } from '../../services/rank/rank-service';
import { runAdaptive } from '../../services/runs/adaptive-run';
import type { AdaptiveBudget, AdaptiveResult, AdaptiveStage } from '../../services/runs/adaptive-run';
import type { RunRequest, RunService } from '../../services/runs/run-service';
import { scenarioSignals } from '../../services/runs/adaptive-signals';
import { formatReport } from './rank';
import { runWithProgress } from './run-progress';
import { hintLine, usageError } from '../error-hints';
import { EFFICIENT_SIZES } from '../../../src-shared/examples-per-scenario';
import type { EfficientSize } from '../../../src-shared/examples-per-scenario';

/** B of each stage's ranking (as `rank`); the calibration's B is capped by it, so a quick `--resamples` keeps every look quick. */
const DEFAULT_RESAMPLES = 2000;
const MAX_CALIBRATION_RESAMPLES = 1000;

export async function runAdaptiveCommand(
  cli: ParsedCliArgs,
  request: RunRequest,
  service: RunService,
  context: CliContext,
  usage: string,
): Promise<number> {
  const fail = (message: string) => usageError(usage, message);
  const leaderboard = cli.string('leaderboard');
  if (!leaderboard) throw fail('Adaptive mode (--target-width) needs --leaderboard NAME to rank each stage against.');
  if (cli.flag('dry-run') || cli.string('resume'))
    throw fail('--target-width cannot be combined with --dry-run or --resume.');
  const start = EFFICIENT_SIZES.find((level) => level === request.examplesPerScenario && level !== 1000);
  if (start === undefined)
    throw fail(`Adaptive mode starts at --examples 10, 20, 50 or 100, not ${request.examplesPerScenario}.`);
  const number = (name: string, integer: boolean): number | undefined => {
    const text = cli.string(name);
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value)))
      throw fail(`--${name} must be a ${integer ? 'whole ' : ''}non-negative number, not '${text}'.`);
    return value;
  };
  const targetWidth = number('target-width', false) as number; // present: it selected this mode
  const usd = number('budget-usd', false);
  const requests = number('budget-requests', true);
  if (usd !== undefined && requests !== undefined) throw fail('Give one budget: --budget-usd or --budget-requests.');
  if (
    usd !== undefined &&
    request.endpoint.pricePerMillionPrompt == null &&
    request.endpoint.pricePerMillionCompletion == null
  ) {
    throw fail('--budget-usd needs prices: set --price-prompt and --price-completion (USD per million tokens).');
  }
  const budget: AdaptiveBudget | null =
    usd !== undefined
      ? { unit: 'usd', limit: usd }
      : requests !== undefined
        ? { unit: 'requests', limit: requests }
        : null;
  const resamples = Math.max(1, number('resamples', true) ?? DEFAULT_RESAMPLES);
  const seed = number('seed', true) ?? 1;
  const leaderboardsDir = dataPaths(cli.dataDir).leaderboards;
  const strategy = cli.choice('strategy', ['all', 'most-uncertain'] as const) ?? 'all';
  const maxScenarios = number('max-scenarios', true);
  const index = await loadLeaderboardIndex(leaderboardsDir, leaderboard); // fail before paying for a stage that cannot be ranked
  const { board, columns } = boardFromIndex(index);

  const stageRequest = (examples: EfficientSize, scenarios?: readonly string[]): RunRequest => ({
    ...request,
    examplesPerScenario: examples,
    leaderboard,
    ...(scenarios ? { scenarios } : {}),
  });
  let rankedPath = '';
  let firstRunId: string | null = null;
  const result = await runAdaptive({
    start,
    targetWidth,
    budget,
    strategy,
    ...(maxScenarios !== undefined ? { maxScenarios: Math.max(1, maxScenarios) } : {}),
    plan: (examples) => service.plan(stageRequest(examples)),
    run: async (examples, scenarios) => {
      // The user's --scenarios, narrowed to the scenarios this stage raises.
      const record = await runWithProgress(
        service,
        stageRequest(examples, scenarios ?? request.scenarios),
        undefined,
        context,
      );
      firstRunId ??= record.runId;
      return record;
    },
    signals: (directories) => scenarioSignals(board, columns, directories),
    rank: async (directories) => {
      rankedPath = await rankablePath(cli.dataDir, firstRunId ?? 'stage', directories);
      return rankRuns({
        path: rankedPath,
        leaderboardsDir,
        leaderboard,
        resamples,
        seed,
        calibrationResamples: Math.min(MAX_CALIBRATION_RESAMPLES, resamples),
        paired: 'auto',
        loadBoardMatrices: (observed) =>
          new BoardInstanceService({ dataDir: cli.dataDir }).matricesFor(leaderboard, observed),
      });
    },
    onStageStart: (levels, estimate) =>
      context.stderr.write(
        `Stage ${levelsText(levels)}: ~${estimate.requests} new requests${estimate.usd === null ? '' : `, ≤ $${estimate.usd.toFixed(4)}`}.\n`,
      ),
    onStage: (stage) => (cli.json ? context.stderr : context.stdout).write(`${stageLine(stage)}\n`),
  });

  if (cli.json) {
    context.stdout.write(
      `${JSON.stringify({ stages: result.stages, stopReason: result.stopReason, targetWidth, budget, strategy, rankedPath, rank: result.rank }, null, 2)}\n`,
    );
  } else {
    context.stdout.write(`${stopLine(result, targetWidth, budget)}\n`);
    if (result.rank) context.stdout.write(formatReport(result.rank));
  }
  return exitCode(result, context);
}

/** Files ranking reads from a run directory (scenario_state.json, the large one, is left behind). */
const RANKED_FILES = ['run_spec.json', 'stats.json', 'per_instance_stats.json'];

/**
 * The one directory to rank: a stage's suite directory when every run comes from it, else a fresh gathering of
 * each scenario's latest runs under `<data dir>/adaptive/<first run id>/<stage>/`.
 */
async function rankablePath(dataDir: string, id: string, directories: readonly string[]): Promise<string> {
  const parents = new Set(directories.map((directory) => dirname(directory)));
  const [parent] = parents;
  if (parents.size === 1 && parent !== undefined && (await countRuns(parent)) === directories.length) return parent;
  const target = join(dataDir, 'adaptive', id, 'ranked');
  await rm(target, { recursive: true, force: true });
  for (const directory of directories) {
    const destination = join(target, basename(directory));
    await mkdir(destination, { recursive: true });
    for (const file of RANKED_FILES)
      await copyFile(join(directory, file), join(destination, file)).catch(() => undefined); // a missing file is reported by the ranking
  }
  return target;
}

async function countRuns(suiteDirectory: string): Promise<number> {
  return (await readdir(suiteDirectory, { withFileTypes: true })).filter(
    (entry) => entry.isDirectory() && !entry.name.includes('.partial-'),
  ).length;
}

function levelsText(levels: Readonly<Record<string, EfficientSize>>): string {
  const distinct = [...new Set(Object.values(levels))];
  if (distinct.length === 1) return `N=${distinct[0]}`;
  return Object.entries(levels)
    .map(([scenario, level]) => `${scenario} N=${level}`)
    .join(', ');
}

/** `N=50  +80 new requests (60 cached, 140 so far), $0.0123 so far  rank 4 [2–7]  runs …` */
export function stageLine(stage: AdaptiveStage): string {
  const cost = stage.costSoFarUsd === null ? '' : `, $${stage.costSoFarUsd.toFixed(4)} so far`;
  const [lo, hi] = stage.rankInterval;
  const which =
    stage.raised === null
      ? ''
      : ` (${stage.raised.map((scenario) => `${scenario} → ${stage.levels[scenario]}`).join(', ')})`;
  return `N=${stage.examplesPerScenario}${which}  +${stage.newRequests} new requests (${stage.cachedHits} cached, ${stage.requestsSoFar} so far)${cost}  rank ${stage.rank} [${lo}–${hi}]${stage.calibrated ? '' : ' (not calibrated)'}  run ${stage.runIds.join(', ')}`;
}

function stopLine(result: AdaptiveResult, targetWidth: number, budget: AdaptiveBudget | null): string {
  const limit = budget ? (budget.unit === 'usd' ? `$${budget.limit}` : `${budget.limit} requests`) : 'none';
  switch (result.stopReason) {
    case 'target-width':
      return `Stopped: interval width ≤ ${targetWidth}.`;
    case 'budget':
      return result.stages.length === 0
        ? `Stopped before the first stage: it would exceed the budget (${limit}).`
        : `Stopped: the next stage would exceed the budget (${limit}).`;
    case 'max-level':
      return "Stopped: N = 1000 reached (the leaderboard's full configuration).";
    case 'tier-unreachable':
      return 'Stopped: the tier asked about is out of reach.';
    case 'cancelled':
      return `Cancelled during a stage; resume it with --resume ${result.lastRecord?.runId ?? ''}.`;
    case 'run-failed':
      return `A stage failed: ${result.lastRecord?.error?.message ?? 'unknown error'}.`;
  }
}

function exitCode(result: AdaptiveResult, context: CliContext): number {
  if (result.stopReason === 'cancelled') return 130;
  if (result.stopReason === 'run-failed') {
    const error = result.lastRecord?.error;
    context.stderr.write(
      `helm-rank: stage run ${result.lastRecord?.runId ?? ''} failed: ${error?.message ?? 'unknown error'}\n${hintLine(error)}`,
    );
    return 1;
  }
  return 0;
}
