/**
 * Finishing a run once its last answer is counted: metrics computed, the HELM run directory written
 * (`run_spec.json`, `scenario_state.json`, stats, `not_computed.json`), the run marked done. A run that fails
 * here is marked failed with the reason; the other runs go on — except on a full disk, which stops the job
 * (every later write would fail too; resuming later loses nothing).
 */
import { errorCodeOf, toAppErrorData } from '../../../src-shared/errors';
import type { EngineJob } from '../../../src-shared/engine/job';
import type { FinishedRun } from '../../../src-shared/engine/protocol';
import { notComputedMetrics, notComputedWarning } from '../metrics/not-computed';
import { partialRoot, runOutputDir, writeRunDirectory } from '../output/run-directory';
import type { ScenarioInfo } from '../output/run-directory';
import type { CompletedRequestState, Scenario } from '../types';
import type { EngineComponents } from './components';
import type { ProgressTracker } from './progress-tracker';
import type { RunWork } from './run-work';
import type { RunLog } from './error-policy';

export interface RunFinisherOptions {
  readonly components: EngineComponents;
  readonly job: EngineJob;
  readonly tracker: ProgressTracker;
  readonly onLog?: RunLog | undefined;
  readonly onRunFinished?: ((run: FinishedRun) => void) | undefined;
}

export async function finishRun(work: RunWork, options: RunFinisherOptions): Promise<void> {
  const { components, job, tracker, onLog } = options;
  const { planned } = work;
  const states = work.completed as CompletedRequestState[]; // every slot is filled once remaining hits 0
  try {
    const scores = components.score(planned.runSpec, states, components.tokenCounter(planned.runSpec, job.endpoint));
    const outputDir = runOutputDir(job.runDir, job.suite, planned.runSpec.name);
    const notComputed = notComputedMetrics(planned.runSpec);
    await writeRunDirectory(
      outputDir,
      {
        runSpec: planned.runSpec,
        scenario: scenarioInfo(planned.scenario),
        scenarioState: { adapter_spec: planned.runSpec.adapter_spec, request_states: states },
        stats: scores.stats,
        perInstanceStats: scores.perInstanceStats,
        notComputed,
      },
      partialRoot(job.runDir),
    );
    tracker.setStatus(work.index, 'done');
    if (notComputed.length > 0) onLog?.('warning', notComputedWarning(planned.runSpec.name, notComputed));
    options.onRunFinished?.({
      runName: planned.runSpec.name,
      outputDir,
      ...(notComputed.length > 0 ? { notComputed } : {}),
    });
  } catch (error) {
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
