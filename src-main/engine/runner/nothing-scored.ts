/**
 * A run in which every HELM run was skipped or failed scored nothing: it is a failure, not "done". The error says
 * why in one sentence — the missing data (naming the URL that was tried and its answer) or what the model server
 * did — and carries the facts each face words its advice from (the app names the mirror field and "Resume", the
 * CLI its flags).
 */
import { AppError } from '../../../src-shared/errors';
import type { DataProblem } from '../../../src-shared/engine/job';
import type { HelmRunProgress } from '../../../src-shared/engine/progress';
import type { PlannedRun } from './plan';

/** The `run.nothing-scored` error when no run of `runs` is done, else null. */
export function nothingScoredError(runs: readonly HelmRunProgress[], planned: readonly PlannedRun[]): AppError | null {
  if (runs.length === 0 || runs.some((run) => run.status === 'done')) return null;
  const problems = new Map<string, DataProblem>();
  for (const run of planned) if (run.dataProblem) problems.set(run.dataProblem.scenario, run.dataProblem);
  const others = runs.filter(
    (run) => !planned.some((plan) => plan.runSpec.name === run.runName && plan.dataProblem !== undefined),
  );
  const reasons = [
    ...[...problems.values()].map((problem) => problem.message),
    ...new Set(others.map((run) => run.message ?? `${run.runName} ${run.status}`)),
  ];
  const cause = problems.size === 0 ? 'model' : others.length === 0 ? 'data' : 'mixed';
  const first = [...problems.values()][0];
  const scenarios = [...problems.keys()];
  const sentence =
    cause === 'model'
      ? `Nothing was scored: every run was skipped or failed — ${reasons[0] ?? 'no reason given'}`
      : `Nothing was scored: the data of ${scenarios.join(', ')} could not be downloaded — ${first?.message ?? ''}`;
  return new AppError({
    code: 'run.nothing-scored',
    message: reasons.length > 1 ? `${sentence} (and ${reasons.length - 1} more: see the warnings)` : sentence,
    cause: reasons.slice(0, 5).join(' | '),
    details: {
      cause,
      scenarios,
      urls: [...problems.values()].map((problem) => problem.triedUrl ?? problem.sourceUrl ?? '').filter(Boolean),
      status: first?.status ?? null,
      mirrored: [...problems.values()].some(
        (problem) => problem.triedUrl !== null && problem.triedUrl !== problem.sourceUrl,
      ),
      skipped: runs.filter((run) => run.status === 'skipped').length,
      failed: runs.filter((run) => run.status === 'failed').length,
    },
  });
}
