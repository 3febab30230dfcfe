/**
 * Planning a job: run entries → run specs → scenario instances → ids → eval selection → each trial's train
 * examples → adapter → request states, with request counts, estimated prompt tokens and a cost estimate.
 * Nothing is sent to the model here (the `--dry-run`).
 */
import { join } from 'node:path';
import { AppError, toAppErrorData } from '../../../src-shared/errors';
import type { EngineJob, PlanSummary } from '../../../src-shared/engine/job';
import { EVAL_SPLITS, TRAIN_SPLIT } from '../../../src-shared/helm/instance';
import type { Instance } from '../../../src-shared/helm/instance';
import type { RequestState } from '../../../src-shared/helm/request';
import type { RunSpec } from '../../../src-shared/helm/run-spec';
import { canonicalJson } from '../cache/canonical-json';
import { throwIfAborted } from '../client/limits';
import { selectEvalInstances } from '../sampling/eval-instances';
import { withInstanceIds } from '../sampling/instance-ids';
import { sampleTrainExamples } from '../sampling/train-examples';
import { PrefetchingTokenCounter } from '../tokens/prefetching-token-counter';
import type { Scenario } from '../types';
import { runScenario } from '../../../src-shared/helm/run-name';
import type { EngineComponents } from './components';
import { tokenCostUsd } from '../../../src-shared/engine/token-cost';

/** One planned HELM run. */
export interface PlannedRun {
  readonly runSpec: RunSpec;
  readonly scenario: Scenario;
  readonly evalInstanceIds: readonly string[];
  /** Request states in HELM's order (trial by trial, instance by instance), without results. */
  readonly requestStates: readonly RequestState[];
  readonly estimatedPromptTokens: number;
  /** Upper bound of completion tokens (`max_tokens × num_completions` per request). */
  readonly maxCompletionTokens: number;
  /** Set when this endpoint cannot run it (e.g. echo in chat mode). */
  readonly skipReason?: string;
}

export interface Plan {
  readonly runs: readonly PlannedRun[];
  readonly summary: PlanSummary;
}

export interface PlanOptions {
  readonly signal?: AbortSignal;
  readonly onLog?: (message: string) => void;
}

export async function planJob(job: EngineJob, components: EngineComponents, options: PlanOptions = {}): Promise<Plan> {
  const { signal } = options;
  const runSpecs = components.buildRunSpecs({
    examplesPerScenario: job.examplesPerScenario,
    model: job.endpoint.model,
    board: job.board,
    instructionFollowing: job.instructionFollowing ?? job.endpoint.mode === 'chat',
    scenarios: job.scenarios,
    onLog: options.onLog,
  });
  if (runSpecs.length === 0) {
    throw new AppError({
      code: 'plan.empty',
      message: `No run entries match the scenarios ${JSON.stringify(job.scenarios ?? [])}.`,
    });
  }
  const tokenCounterInfo = components.prepareTokenCounter
    ? await components.prepareTokenCounter(job.endpoint, { signal })
    : undefined;
  const fetcher = components.createFetcher({ dataDir: job.dataDir, mirror: job.mirror });
  // Run specs with the same scenario spec share its instances: load each scenario spec once.
  const instancesBySpec = new Map<string, { instances: Instance[] } | { error: string }>();
  const runs: PlannedRun[] = [];
  for (const original of runSpecs) {
    throwIfAborted(signal);
    const runSpec = withTrials(original, job.numTrainTrials, job.endpoint.mode);
    const specKey = canonicalJson(runSpec.scenario_spec);
    const scenario = components.scenarios.get(runSpec.scenario_spec.class_name)(runSpec.scenario_spec.args);
    let loaded = instancesBySpec.get(specKey);
    if (!loaded) {
      options.onLog?.(`Preparing ${scenario.name} data…`);
      try {
        const raw = await scenario.getInstances({
          outputDir: join(job.dataDir, 'datasets', scenario.name),
          fetcher,
          ...(signal ? { signal } : {}),
          ...(options.onLog ? { onProgress: options.onLog } : {}),
        });
        loaded = { instances: withInstanceIds(raw) };
      } catch (error) {
        throwIfAborted(signal);
        // One scenario whose data cannot be had must not hide the others: its runs are skipped, with the reason.
        const data = toAppErrorData(error);
        loaded = {
          error: `${scenario.name}: ${data.message}${data.cause && data.cause !== data.message ? ` (${data.cause})` : ''}`,
        };
      }
      instancesBySpec.set(specKey, loaded);
    }
    if ('error' in loaded) runs.push(unavailableRun(runSpec, scenario, loaded.error));
    else runs.push(await planRun(runSpec, scenario, loaded.instances, job, components, signal));
  }
  const summary = summarize(runs, job);
  return { runs, summary: tokenCounterInfo ? { ...summary, tokenCounter: tokenCounterInfo } : summary };
}

/**
 * `--num-train-trials T` overrides the trials of every run except those with `max_train_instances == 0`,
 * which HELM forces to 1 (`run_entries_to_run_specs`, `src/helm/benchmark/run.py`). Chat mode is recorded in
 * the adapter spec (`client_mode`) so the run spec says how the prompt was sent.
 */
function withTrials(runSpec: RunSpec, numTrainTrials: number, mode: string): RunSpec {
  const adapter = runSpec.adapter_spec;
  const trials = adapter.max_train_instances === 0 ? 1 : numTrainTrials;
  const adapterSpec = { ...adapter, num_train_trials: trials, ...(mode === 'chat' ? { client_mode: 'chat' } : {}) };
  return { ...runSpec, adapter_spec: adapterSpec };
}

async function planRun(
  runSpec: RunSpec,
  scenario: Scenario,
  instances: readonly Instance[],
  job: EngineJob,
  components: EngineComponents,
  signal: AbortSignal | undefined,
): Promise<PlannedRun> {
  const spec = runSpec.adapter_spec;
  const adapter = components.adapters.get(spec.method);
  const tokenCounter = components.tokenCounter(runSpec, job.endpoint);
  const train = instances.filter((instance) => instance.split === TRAIN_SPLIT);
  const evalInstances = selectEvalInstances(instances, spec.max_eval_instances, spec.eval_splits ?? EVAL_SPLITS);
  const trainByTrial = Array.from({ length: spec.num_train_trials }, (_, trial) =>
    sampleTrainExamples(train, spec.max_train_instances, trial, spec.sample_train),
  );
  const adaptAndCount = () => {
    const requestStates: RequestState[] = [];
    trainByTrial.forEach((trainInstances, trial) => {
      requestStates.push(
        ...adapter.adapt({ adapterSpec: spec, trainInstances, evalInstances, trialIndex: trial, tokenCounter }),
      );
    });
    let estimatedPromptTokens = 0;
    let maxCompletionTokens = 0;
    for (const state of requestStates) {
      estimatedPromptTokens += tokenCounter.countTokens(state.request.prompt);
      maxCompletionTokens += state.request.max_tokens * state.request.num_completions;
    }
    return { requestStates, estimatedPromptTokens, maxCompletionTokens };
  };
  // With the server's tokenizer, counts arrive asynchronously: adapt again until every count is exact.
  const { requestStates, estimatedPromptTokens, maxCompletionTokens } =
    tokenCounter instanceof PrefetchingTokenCounter
      ? await tokenCounter.settle(adaptAndCount, signal)
      : adaptAndCount();
  const needsEcho = requestStates.some((state) => state.request.echo_prompt);
  const skipReason =
    needsEcho && job.endpoint.mode === 'chat'
      ? `${runSpec.name} needs prompt logprobs (echo), which chat mode cannot give; run it in completions mode.`
      : undefined;
  return {
    runSpec,
    scenario,
    evalInstanceIds: evalInstances.map((instance) => instance.id ?? ''),
    requestStates,
    estimatedPromptTokens,
    maxCompletionTokens,
    ...(skipReason ? { skipReason } : {}),
  };
}

function unavailableRun(runSpec: RunSpec, scenario: Scenario, reason: string): PlannedRun {
  return {
    runSpec,
    scenario,
    evalInstanceIds: [],
    requestStates: [],
    estimatedPromptTokens: 0,
    maxCompletionTokens: 0,
    skipReason: `Data unavailable — ${reason}`,
  };
}

function summarize(runs: readonly PlannedRun[], job: EngineJob): PlanSummary {
  let requests = 0;
  let estimatedPromptTokens = 0;
  let completionTokens = 0;
  for (const run of runs) {
    if (run.skipReason) continue;
    requests += run.requestStates.length;
    estimatedPromptTokens += run.estimatedPromptTokens;
    completionTokens += run.maxCompletionTokens;
  }
  const estimatedCostUsd = tokenCostUsd(job.endpoint, estimatedPromptTokens, completionTokens);
  return {
    runs: runs.map((run) => ({
      name: run.runSpec.name,
      scenario: runScenario(run.runSpec.name),
      groups: [...run.runSpec.groups],
      evalInstanceIds: [...run.evalInstanceIds],
      requests: run.requestStates.length,
      estimatedPromptTokens: run.estimatedPromptTokens,
      ...(run.skipReason ? { skipReason: run.skipReason } : {}),
    })),
    totals: { requests, estimatedPromptTokens, estimatedCompletionTokens: completionTokens, estimatedCostUsd },
  };
}
