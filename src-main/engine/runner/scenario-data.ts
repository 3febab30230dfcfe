/**
 * Loading the chosen scenarios' instances for a plan: their sources checked first (./source-check.ts), then each
 * reachable scenario prepared once (download, parse, ids), reporting which scenario it is on and, while a file
 * downloads, its bytes. A scenario whose data cannot be had is not an error of the plan: its runs are skipped
 * with the problem, so one missing file never hides the others.
 */
import { join } from 'node:path';
import type { DataProblem, EngineJob } from '../../../src-shared/engine/job';
import type { JobPhase } from '../../../src-shared/engine/progress';
import type { Instance } from '../../../src-shared/helm/instance';
import { throwIfAborted } from '../client/limits';
import { withInstanceIds } from '../sampling/instance-ids';
import type { DatasetFetcher, Scenario } from '../types';
import { checkSources, dataProblemOf } from './source-check';

export type ScenarioData = { readonly instances: Instance[] } | { readonly problem: DataProblem };

export interface ScenarioDataOptions {
  readonly signal?: AbortSignal | undefined;
  readonly onLog?: ((message: string) => void) | undefined;
  readonly onPhase?: ((phase: JobPhase) => void) | undefined;
}

/** Instances (or the problem) of each scenario, by key, in the order given. */
export async function loadScenarioData(
  scenarios: ReadonlyMap<string, Scenario>,
  job: Pick<EngineJob, 'dataDir'>,
  fetcher: DatasetFetcher,
  options: ScenarioDataOptions = {},
): Promise<Map<string, ScenarioData>> {
  const { signal, onPhase } = options;
  const outputDir = (scenario: Scenario) => join(job.dataDir, 'datasets', scenario.name);
  const entries = [...scenarios].map(([key, scenario]) => ({ key, scenario, outputDir: outputDir(scenario) }));
  const problems = await checkSources(entries, fetcher, { signal, onPhase });
  const loaded = new Map<string, ScenarioData>();
  let prepared = 0;
  for (const { key, scenario } of entries) {
    throwIfAborted(signal);
    const problem = problems.get(key);
    if (problem) {
      loaded.set(key, { problem });
      continue;
    }
    const phase = (step: JobPhase['step'], bytes: number | null = null, totalBytes: number | null = null) =>
      onPhase?.({ step, scenario: scenario.name, done: prepared, total: entries.length, bytes, totalBytes });
    phase('preparing');
    options.onLog?.(`Preparing ${scenario.name} data…`);
    // Byte counts of every file the scenario downloads, whatever the scenario asks of the fetcher itself.
    const reporting: DatasetFetcher = {
      fetch: (url, fetchOptions = {}) =>
        fetcher.fetch(url, {
          ...fetchOptions,
          onProgress: (progress) => {
            fetchOptions.onProgress?.(progress);
            phase('downloading', progress.bytes, progress.totalBytes);
          },
        }),
    };
    try {
      const raw = await scenario.getInstances({
        outputDir: outputDir(scenario),
        fetcher: reporting,
        ...(signal ? { signal } : {}),
        ...(options.onLog ? { onProgress: options.onLog } : {}),
      });
      loaded.set(key, { instances: withInstanceIds(raw) });
    } catch (error) {
      throwIfAborted(signal);
      loaded.set(key, { problem: dataProblemOf(scenario.name, error) });
    }
    prepared += 1;
  }
  return loaded;
}
