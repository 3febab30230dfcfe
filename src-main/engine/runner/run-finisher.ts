/**
 * A run's outputs: made with its first answer (scenario_state.json written and instances scored while the run goes
 * on, ./run-stream.ts), finished once its last answer is counted: run stats computed, the other files of the HELM
 * run directory written (`run_spec.json`, stats, `not_computed.json`), the directory renamed into place, the run
 * marked done. A run that fails
 * here is marked failed with the reason; the other runs go on — except on a full disk, which stops the job
 * (every later write would fail too; resuming later loses nothing).
 */
import { errorCodeOf, toAppErrorData } from '../../../src-shared/errors';
import type { EngineJob } from '../../../src-shared/engine/job';
import type { FinishedRun } from '../../../src-shared/engine/protocol';
import { notComputedMetrics, notComputedWarning } from '../metrics/not-computed';
import { RunDirectoryWriter, partialRoot, runOutputDir } from '../output/run-directory';
import type { ScenarioInfo } from '../output/run-directory';
import type { Scenario } from '../types';
import type { EngineComponents } from './components';
import type { ProgressTracker } from './progress-tracker';
import type { RunOutput, RunWork } from './run-work';
import { RunStream } from './run-stream';
import type { RunLog } from './error-policy';

export interface RunFinisherOptions {
  readonly components: EngineComponents;
  readonly job: EngineJob;
  readonly tracker: ProgressTracker;
  readonly onLog?: RunLog | undefined;
  readonly onRunFinished?: ((run: FinishedRun) => void) | undefined;
  /** The sets of metrics not computed already warned about in this job (see notComputedWarning). */
  readonly notComputedWarned: Set<string>;
}

/** The run's output, made on its first answer: scenario_state.json written and instances scored as they come. */
export function runOutput(work: RunWork, options: Pick<RunFinisherOptions, 'components' | 'job'>): RunOutput {
  if (work.output) return work.output;
  const { components, job } = options;
  const { runSpec } = work.planned;
  const writer = new RunDirectoryWriter(
    runOutputDir(job.runDir, job.suite, runSpec.name),
    runSpec.adapter_spec,
    partialRoot(job.runDir),
  );
  const scorer = components.scorer(runSpec, components.tokenCounter(runSpec, job.endpoint));
  work.output = {
    writer,
    stream: new RunStream(work.states, runSpec.adapter_spec.num_train_trials, scorer, writer),
  };
  return work.output;
}

/** Gives up the partial outputs of a run that did not finish (failed, skipped, cancelled). */
export async function discardRun(work: RunWork): Promise<void> {
  const output = work.output;
  work.output = undefined;
  await output?.writer.discard();
}

export async function finishRun(work: RunWork, options: RunFinisherOptions): Promise<void> {
  const { tracker, onLog } = options;
  const { planned } = work;
  const { stream, writer } = runOutput(work, options); // every answer is taken once remaining hits 0
  try {
    const scores = stream.finish();
    const notComputed = notComputedMetrics(planned.runSpec);
    await writer.commit({
      runSpec: planned.runSpec,
      scenario: scenarioInfo(planned.scenario),
      stats: scores.stats,
      perInstanceStats: scores.perInstanceStats,
      notComputed,
    });
    work.output = undefined;
    tracker.setStatus(work.index, 'done');
    const warning = notComputedWarning(planned.runSpec.name, notComputed, options.notComputedWarned);
    if (warning) onLog?.('warning', warning);
    options.onRunFinished?.({
      runName: planned.runSpec.name,
      outputDir: writer.dir,
      ...(notComputed.length > 0 ? { notComputed } : {}),
    });
  } catch (error) {
    await discardRun(work);
    if (errorCodeOf(error) === 'disk.full') throw error;
    const data = toAppErrorData(error);
    tracker.setStatus(work.index, 'failed', data.message);
    onLog?.('warning', `${planned.runSpec.name} failed while scoring or writing: ${data.message}`);
  }
}

/** `scenario.json`: HELM's Scenario name, description and tags, when the scenario supplies them. */
function scenarioInfo(scenario: Scenario): ScenarioInfo {
  const extra = scenario as Scenario & { description?: unknown; tags?: unknown; definitionPath?: unknown }; // optional fields a scenario may carry
  return {
    name: scenario.name,
    description: typeof extra.description === 'string' ? extra.description : '',
    tags: Array.isArray(extra.tags) ? extra.tags.filter((tag): tag is string => typeof tag === 'string') : [],
    definition_path: typeof extra.definitionPath === 'string' ? extra.definitionPath : '',
  };
}
