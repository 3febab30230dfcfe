/**
 * `helm-rank run`: evaluates a model on the Efficient-HELM run entries for N examples, in an engine process,
 * with live progress (a bar on a TTY, plain lines otherwise). Ctrl+C cancels; everything answered is cached, so
 * running the same command again (or with `--resume RUN_ID`) resumes without paying twice. With
 * `--target-width W` it runs adaptively (./run-adaptive.ts): stage by stage, ranking each against a leaderboard.
 */
import { AppError } from '../../../src-shared/errors';
import { isRunId } from '../../../src-shared/api/runs';
import { MAX_CONCURRENCY } from '../../../src-shared/engine/job';
import type { ModelMode, EndpointInput, PlanSummary } from '../../../src-shared/engine/job';
import type { CliContext, CommandModule } from '../command';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCliArgs } from '../options';
import { dataPaths } from '../../services/data-dir';
import { boardDirectory, loadLeaderboardIndex } from '../../services/leaderboards/leaderboard-index';
import { BOARD_FAMILY_IDS, scenarioNamesOf, familyTitle } from '../../engine/families/index';
import { checkScenarioNames, scenarioList } from '../../../src-shared/scenario-names';
import type { ParsedCliArgs } from '../options';
import { RunService } from '../../services/runs/run-service';
import { refuseUserInfo } from '../../services/secrets/key-binding';
import { runAdaptiveCommand } from './run-adaptive';
import { runWithProgress } from './run-progress';
import type { RunRequest } from '../../services/runs/run-service';
import type { RunRecord } from '../../services/runs/run-store';
import { hintLine, usageError } from '../error-hints';
import { EXAMPLES_PER_SCENARIO, parseExamplesPerScenario } from '../../../src-shared/examples-per-scenario';
import type { ExamplesPerScenario } from '../../../src-shared/examples-per-scenario';

export const runCommand: CommandModule = {
  async run(args, context, command) {
    const cli = parseCliArgs(args, context, command);
    const resume = cli.string('resume');
    if (resume !== undefined && !isRunId(resume))
      throw new AppError({
        code: 'cli.usage',
        message: `--resume needs a run id like 20261128-081500-ab12cd (as printed when the run stopped), not '${resume.slice(0, 80)}'.`,
      });
    const isAdaptive = cli.string('target-width') !== undefined;
    const service = new RunService({
      dataDir: cli.dataDir,
      env: context.env,
      ...(context.env.HELM_RANK_ENGINE_ENTRY ? { engineEntry: context.env.HELM_RANK_ENGINE_ENTRY } : {}),
      resumeAdvice: (runId) => resumeCommand(runId, cli.dataDir, cli.mirror),
    });
    if (cli.flag('endpoint-moved') && !resume)
      throw new AppError({ code: 'cli.usage', message: '--endpoint-moved only applies with --resume RUN_ID.' });
    // A resumed run takes its recorded settings; flags given must match them (RunService refuses otherwise).
    const resumed = resume ? await service.get(resume) : undefined;
    // Adaptive mode starts at N = 20 unless --examples names another level.
    const request = runRequest(cli, context, command.usage, isAdaptive ? 20 : undefined, resumed);
    if (isAdaptive) return runAdaptiveCommand(cli, request, service, context, command.usage);
    // The board a plain run records must be one the app can rank it on: refused before anything is sent.
    if (request.leaderboard && !resumed)
      await loadLeaderboardIndex(dataPaths(cli.dataDir).leaderboards, request.leaderboard);
    if (cli.flag('dry-run')) {
      const plan = await service.plan(request);
      context.stdout.write(cli.json ? `${JSON.stringify(dryRunJson(plan), null, 2)}\n` : planTable(plan));
      return 0;
    }
    return execute(service, request, resume, context, cli.flag('endpoint-moved'));
  },
};

async function execute(
  service: RunService,
  request: RunRequest,
  resume: string | undefined,
  context: CliContext,
  endpointMoved: boolean,
): Promise<number> {
  const record = await runWithProgress(service, request, resume, context, { endpointMoved });
  const where = `${record.runId} (${record.finishedRuns.length} HELM runs in runs/${record.runId}/benchmark_output/runs/${record.suite})`;
  if (record.status === 'done') {
    const skipped = record.runs.filter((run) => run.status === 'skipped' || run.status === 'failed');
    context.stdout.write(`Run ${where} finished.\n`);
    for (const run of skipped)
      context.stdout.write(`  ${run.status}: ${run.runName}${run.message ? ` — ${run.message}` : ''}\n`);
    context.stdout.write(rankAdvice(record, service.dataDir));
    return 0;
  }
  const command = resumeCommand(record.runId, service.dataDir, request.mirror);
  if (record.status === 'cancelled') {
    context.stderr.write(`helm-rank: run ${record.runId} cancelled; resume it with: ${command}\n`);
    return 130;
  }
  const error = record.error;
  context.stderr.write(
    `helm-rank: run ${record.runId} failed: ${error?.message ?? 'unknown error'}\n${error?.cause ? `  cause: ${error.cause}\n` : ''}${hintLine(error)}  resume: ${command}\n`,
  );
  // A run keeps its scenario list: leaving scenarios out takes a new run, with the same settings otherwise.
  if (error?.code === 'run.nothing-scored' && error.details?.cause !== 'model')
    context.stderr.write(`  new run: ${newRunCommand(record, service.dataDir, request.mirror)}\n`);
  return 1;
}

/** What a numeric flag accepts: a whole number or any, at least `min` (default 0) or above `above`, at most `max`. */
interface NumberRule {
  readonly integer?: boolean;
  readonly min?: number;
  readonly above?: number;
  readonly max?: number;
  /** Said after the rule, e.g. `US dollars per million tokens`. */
  readonly unit?: string;
}

const PRICE: NumberRule = { min: 0, unit: 'US dollars per million tokens' };

/** A rule in words: "a whole number from 1 to 1024", "a number ≥ 0 (US dollars per million tokens)". */
function numberRule(rule: NumberRule): string {
  const kind = rule.integer ? 'a whole number' : 'a number';
  const range =
    rule.above !== undefined
      ? `> ${rule.above}`
      : rule.max !== undefined
        ? `from ${rule.min ?? 0} to ${rule.max}`
        : `≥ ${rule.min ?? 0}`;
  return `${kind} ${range}${rule.unit ? ` (${rule.unit})` : ''}`;
}

function runRequest(
  cli: ParsedCliArgs,
  context: CliContext,
  usageLine: string,
  defaultExamples?: ExamplesPerScenario,
  resumed?: RunRecord,
): RunRequest {
  const usage = (message: string) => usageError(usageLine, message);
  const model = cli.string('model') ?? resumed?.model;
  const baseUrl = cli.string('base-url') ?? resumed?.baseUrl;
  const examplesText =
    cli.string('examples') ??
    (resumed
      ? String(resumed.examplesPerScenario)
      : defaultExamples === undefined
        ? undefined
        : String(defaultExamples));
  if (!model || !baseUrl || !examplesText) throw usage('--model, --base-url and --examples are required.');
  if (!isHttpUrl(baseUrl))
    throw usage(
      `--base-url must be an http:// or https:// URL such as http://127.0.0.1:8000/v1, not '${baseUrl.slice(0, 200)}'.`,
    );
  refuseUserInfo(baseUrl, { field: '--base-url' });
  if (!/^[^/\s]+\/\S+$/.test(model)) throw usage(`--model must look like org/name (HELM model names), not '${model}'.`);
  const examples = parseExamplesPerScenario(examplesText);
  if (examples === undefined) throw usage(`--examples must be one of ${EXAMPLES_PER_SCENARIO.join(', ')}.`);
  // Each numeric flag's rule, as the run settings' schema (src-shared/engine/job.ts) has it, in the CLI's words.
  const number = (name: string, rule: NumberRule): number | undefined => {
    const text = cli.string(name);
    if (text === undefined) return undefined;
    const value = Number(text);
    const fits =
      text.trim() !== '' &&
      Number.isFinite(value) &&
      (!rule.integer || Number.isInteger(value)) &&
      (rule.above !== undefined ? value > rule.above : value >= (rule.min ?? 0)) &&
      (rule.max === undefined || value <= rule.max);
    if (!fits) throw usage(`--${name} must be ${numberRule(rule)}, not '${text}'.`);
    return value;
  };
  const keyEnv = cli.string('api-key-env') ?? resumed?.apiKeyEnv ?? undefined;
  let apiKey: string | undefined;
  if (keyEnv) {
    apiKey = context.env[keyEnv];
    if (!apiKey)
      throw new AppError({
        code: 'cli.no-key',
        message: `The environment variable ${keyEnv} (named by --api-key-env) is not set.`,
      });
  }
  const mode: ModelMode = cli.choice('mode', ['chat', 'completions'] as const) ?? resumed?.mode ?? 'completions';
  const concurrency = number('concurrency', { integer: true, min: 1, max: MAX_CONCURRENCY }) ?? resumed?.concurrency;
  const rateLimit =
    number('rate-limit', { min: 0, unit: 'requests per second; 0 = no limit' }) ?? resumed?.rateLimit ?? undefined;
  const contextWindow = number('context-window', { integer: true, min: 1, unit: 'tokens' });
  const maxResponseMb = number('max-response-mb', { above: 0, unit: 'megabytes' });
  const endpoint: EndpointInput = {
    model,
    baseUrl,
    mode,
    ...((cli.string('api-model') ?? resumed?.apiModel)
      ? { apiModel: cli.string('api-model') ?? resumed?.apiModel }
      : {}),
    ...(apiKey ? { apiKey } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(rateLimit !== undefined && rateLimit > 0 ? { rateLimit } : {}),
    ...(contextWindow !== undefined ? { contextWindow } : {}),
    ...(maxResponseMb !== undefined && maxResponseMb > 0
      ? { maxResponseBytes: Math.round(maxResponseMb * 1024 * 1024) }
      : {}),
    pricePerMillionPrompt: number('price-prompt', PRICE) ?? resumed?.pricePerMillionPrompt ?? null,
    pricePerMillionCompletion: number('price-completion', PRICE) ?? resumed?.pricePerMillionCompletion ?? null,
  };
  const scenariosText = cli.string('scenarios');
  const scenarios =
    (scenariosText === undefined ? undefined : scenarioList(scenariosText)) ?? resumed?.scenarios ?? undefined;
  const board = cli.choice('board', BOARD_FAMILY_IDS) ?? boardOfLeaderboard(cli) ?? resumed?.board ?? 'classic';
  // Refused before a run is created. A development engine (HELM_RANK_ENGINE_ENTRY) has scenarios of its own.
  if (scenariosText !== undefined && !context.env.HELM_RANK_ENGINE_ENTRY)
    checkScenarioNames(scenarioList(scenariosText), scenarioNamesOf(board, examples), familyTitle(board));
  const leaderboard = cli.string('leaderboard');
  const instructionFollowing = cli.choice('instruction-following', ['yes', 'no'] as const);
  return {
    endpoint,
    examplesPerScenario: examples,
    board,
    ...(instructionFollowing ? { instructionFollowing: instructionFollowing === 'yes' } : {}),
    // A plain run records the board it is for, so the app's History ranks it there.
    ...(leaderboard ? { leaderboard } : {}),
    scenarios,
    suite: cli.string('suite') ?? resumed?.suite,
    numTrainTrials: number('num-train-trials', { integer: true, min: 1 }) ?? resumed?.numTrainTrials,
    mirror: cli.mirror ?? undefined,
    apiKeyEnv: keyEnv ?? null,
  };
}

/**
 * How to rank a finished run: the `rank` command for its leaderboard, or — when the run names none (no
 * `--leaderboard`) — that the app cannot rank it until one is given, and how.
 */
export function rankAdvice(record: Pick<RunRecord, 'runId' | 'suite' | 'leaderboard'>, dataDir: string): string {
  const suiteDir = join(dataDir, 'runs', record.runId, 'benchmark_output', 'runs', record.suite);
  const rank = `helm-rank rank ${shellWord(suiteDir)} --leaderboard ${record.leaderboard ? shellWord(record.leaderboard) : 'NAME'} --data-dir ${shellWord(dataDir)}`;
  if (record.leaderboard) return `Rank it with: ${rank}\n`;
  return (
    `It names no leaderboard (no --leaderboard NAME), so the app's Results, History and Compare cannot rank it.\n` +
    `  Rank it with: ${rank}  (\`helm-rank leaderboard list\` shows the imported ones)\n` +
    `  Next time, add --leaderboard NAME to \`helm-rank run\` to record it.\n`
  );
}

/** `text` as one word for a POSIX shell (quoted only when needed). */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The exact command that resumes `runId` (the data directory and the mirror the run used spelled out, quoted for a
 * POSIX shell if needed: the mirror is not recorded in run.json).
 */
export function resumeCommand(runId: string, dataDir: string, mirror?: string | null): string {
  return `helm-rank run --resume ${runId}${mirror ? ` --mirror ${shellWord(mirror)}` : ''} --data-dir ${shellWord(dataDir)}`;
}

/** The command that starts a new run with `record`'s settings but a scenario list of the user's choice (`LIST`). */
export function newRunCommand(record: RunRecord, dataDir: string, mirror?: string | null): string {
  const flags: (readonly [string, string | null | undefined | false])[] = [
    ['--model', record.model],
    ['--base-url', record.baseUrl],
    ['--examples', String(record.examplesPerScenario)],
    ['--board', record.board !== 'classic' && record.board],
    ['--api-model', record.apiModel !== record.model && record.apiModel],
    ['--mode', record.mode !== 'completions' && record.mode],
    ['--api-key-env', record.apiKeyEnv],
    ['--suite', record.suite !== 'v1' && record.suite],
    ['--num-train-trials', record.numTrainTrials !== 1 && String(record.numTrainTrials)],
    ['--concurrency', record.concurrency !== 8 && String(record.concurrency)],
    ['--rate-limit', record.rateLimit !== null && String(record.rateLimit)],
    ['--price-prompt', record.pricePerMillionPrompt !== null && String(record.pricePerMillionPrompt)],
    ['--price-completion', record.pricePerMillionCompletion !== null && String(record.pricePerMillionCompletion)],
    ['--leaderboard', record.leaderboard],
    ['--mirror', mirror],
    ['--data-dir', dataDir],
  ];
  const words = flags.flatMap(([flag, value]) => (value ? [flag, shellWord(value)] : []));
  return `helm-rank run ${words.join(' ')} --scenarios LIST`;
}

/** The family of the imported board `--leaderboard` names (Lite boards run Lite's entries), if known. */
function boardOfLeaderboard(cli: ParsedCliArgs): string | undefined {
  const name = cli.string('leaderboard');
  if (!name) return undefined;
  try {
    const index = JSON.parse(
      readFileSync(join(boardDirectory(dataPaths(cli.dataDir).leaderboards, name), 'index.json'), 'utf8'),
    ) as {
      project?: unknown;
    };
    return typeof index.project === 'string' && (BOARD_FAMILY_IDS as readonly string[]).includes(index.project)
      ? index.project
      : undefined;
  } catch {
    return undefined; // not imported (yet): the rank step will say so
  }
}

/** The `--dry-run --json` shape. */
export function dryRunJson(plan: PlanSummary): {
  runs: Omit<PlanSummary['runs'][number], 'scenario' | 'groups'>[];
  totals: PlanSummary['totals'];
} {
  return {
    runs: plan.runs.map((run) => ({
      name: run.name,
      evalInstanceIds: run.evalInstanceIds,
      requests: run.requests,
      estimatedPromptTokens: run.estimatedPromptTokens,
      ...(run.skipReason ? { skipReason: run.skipReason } : {}),
    })),
    totals: plan.totals,
  };
}

function planTable(plan: PlanSummary): string {
  const lines = plan.runs.map(
    (run) =>
      `  ${run.name}\n      ${run.requests} requests, ~${run.estimatedPromptTokens} prompt tokens${run.skipReason ? ` — skipped: ${run.skipReason}` : ''}`,
  );
  const cost =
    plan.totals.estimatedCostUsd === null
      ? 'cost unknown (set --price-prompt / --price-completion)'
      : `estimated cost ≤ $${plan.totals.estimatedCostUsd.toFixed(4)}`;
  return `${lines.join('\n')}\nTotal: ${plan.runs.length} runs, ${plan.totals.requests} requests, ~${plan.totals.estimatedPromptTokens} prompt tokens, ${cost}.\n`;
}

/** Whether `text` is an absolute http(s) URL (what the endpoint schema's `baseUrl` accepts, and what a server is). */
function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
