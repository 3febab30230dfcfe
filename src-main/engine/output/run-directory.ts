/**
 * Writes one HELM run directory, `benchmark_output/runs/<suite>/<run name>/`, with the five files
 * `helm-run` writes (`Runner.run_one`, `src/helm/benchmark/runner.py`): run_spec.json, scenario.json,
 * scenario_state.json, stats.json, per_instance_stats.json — plus our `not_computed.json` when a metric HELM
 * attaches was not computed (src-main/engine/metrics/not-computed.ts). The directory appears atomically: files are
 * written into a temporary directory under `partialRoot` — outside `benchmark_output/runs/<suite>/`, where HELM's
 * tools and our run reader look — and renamed into place. A write that fails (a full disk) removes its partial
 * directory and reports the real cause (`disk.full`).
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFailure } from '../disk-errors';
import type { NotComputedMetric } from '../../../src-shared/engine/protocol';
import type { PerInstanceStats, ScenarioState } from '../../../src-shared/helm/request';
import type { RunSpec } from '../../../src-shared/helm/run-spec';
import type { Stat } from '../../../src-shared/helm/stat';
import { NOT_COMPUTED_FILE } from '../metrics/not-computed';
import { writeHelmJson } from './helm-json';

/** `scenario.json` (HELM `Scenario`: name, description, tags, definition_path). */
export interface ScenarioInfo {
  readonly name: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly definition_path: string;
}

export interface RunOutputs {
  readonly runSpec: RunSpec;
  readonly scenario: ScenarioInfo;
  readonly scenarioState: ScenarioState;
  readonly stats: readonly Stat[];
  readonly perInstanceStats: readonly PerInstanceStats[];
  /** Metrics HELM attaches that were not computed; written to `not_computed.json` when any. */
  readonly notComputed?: readonly NotComputedMetric[];
}

/** `<root>/benchmark_output/runs/<suite>/<run name>`; the run name is one path component, as HELM writes it. */
export function runOutputDir(root: string, suite: string, runName: string): string {
  return join(root, 'benchmark_output', 'runs', suite, runName);
}

/** HELM drops stats whose sum is NaN (`remove_stats_nans`, `runner.py`). */
function withoutNanStats(stats: readonly Stat[]): Stat[] {
  return stats.filter((stat) => !Number.isNaN(stat.sum));
}

/** Where a run's partial outputs go: `<run dir>/.partial/`, on the same disk as the outputs (for the rename). */
export function partialRoot(runDir: string): string {
  return join(runDir, '.partial');
}

let partials = 0;

export async function writeRunDirectory(dir: string, outputs: RunOutputs, partialsDir: string): Promise<void> {
  const temporary = join(partialsDir, `${process.pid}-${++partials}`);
  try {
    await mkdir(dirname(dir), { recursive: true });
    await rm(temporary, { recursive: true, force: true });
    await mkdir(temporary, { recursive: true });
    await writeFiles(temporary, outputs);
    await rm(dir, { recursive: true, force: true });
    await rename(temporary, dir);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true }).catch(() => undefined);
    throw writeFailure('a HELM run directory', dir, error);
  }
}

async function writeFiles(temporary: string, outputs: RunOutputs): Promise<void> {
  const files: [string, unknown][] = [
    ['run_spec.json', outputs.runSpec],
    ['scenario.json', outputs.scenario],
    ['scenario_state.json', outputs.scenarioState],
    ['stats.json', withoutNanStats(outputs.stats)],
    [
      'per_instance_stats.json',
      outputs.perInstanceStats.map((entry) => ({ ...entry, stats: withoutNanStats(entry.stats) })),
    ],
  ];
  // A sidecar, not stats: HELM's readers see no value at all for these metrics rather than a zero.
  if (outputs.notComputed && outputs.notComputed.length > 0) files.push([NOT_COMPUTED_FILE, outputs.notComputed]);
  for (const [name, value] of files) await writeHelmJson(join(temporary, name), value);
}
