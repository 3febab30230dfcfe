/** The app API's run progress, derived from the run store's record (what the engine last reported). */
import type { RunProgressView } from '../../../src-shared/api/runs';
import type { RunRecord } from '../runs/run-store';
import { shortRunName } from '../../../src-shared/helm/run-name';

/** What only a live run has: its phase, rate, retries and silence (nothing of it once it stopped). */
function liveState(
  record: RunRecord,
): Pick<RunProgressView, 'phase' | 'requestsPerSecond' | 'retrying' | 'stalledSeconds'> {
  const isLive = record.status === 'running' || record.status === 'planning';
  const overall = record.overall;
  return {
    phase: isLive ? (record.phase ?? null) : null,
    requestsPerSecond: isLive ? (overall?.requestsPerSecond ?? 0) : 0,
    retrying: isLive ? (overall?.retrying ?? null) : null,
    stalledSeconds: isLive ? (overall?.stalledSeconds ?? null) : null,
  };
}

/** The progress view of a run record, with the warnings run.json keeps (so they survive a restart). */
export function toRunProgress(record: RunRecord): RunProgressView {
  const warnings = record.warnings ?? [];
  const overall = record.overall;
  const planned = record.plan?.runs ?? [];
  const reported = new Map(record.runs.map((run) => [run.runName, run]));
  const names = planned.length > 0 ? planned.map((run) => run.name) : record.runs.map((run) => run.runName);
  const scenarios = names.map((name) => {
    const run = reported.get(name);
    const plan = planned.find((entry) => entry.name === name);
    return {
      scenario: shortRunName(name),
      done: run?.requestsDone ?? 0,
      total: run?.requestsTotal ?? plan?.requests ?? 0,
      skipped: run?.status === 'skipped' || plan?.skipReason !== undefined,
    };
  });
  const skipped = record.runs.filter((run) => run.status === 'skipped' && run.message);
  // The item already names the run: the message drops the engine's leading full run name.
  const skipWarnings = skipped.map((run) => ({
    item: shortRunName(run.runName),
    code: 'run.skipped',
    message: (run.message ?? '').replace(`${run.runName} `, ''),
  }));
  // The engine also logs each skip as a warning: shown once, as above.
  const skipMessages = new Set(skipped.map((run) => run.message));
  return {
    runId: record.runId,
    status: record.status,
    scenarios,
    requestsDone: overall?.requestsDone ?? 0,
    requestsTotal: overall?.requestsTotal ?? record.plan?.totals.requests ?? 0,
    promptTokens: overall?.promptTokens ?? 0,
    completionTokens: overall?.completionTokens ?? 0,
    costUsd: overall?.costUsd ?? null,
    // Only a running run has time left to estimate.
    etaSeconds: record.status === 'running' ? (overall?.etaSeconds ?? null) : null,
    warnings: [...skipWarnings, ...warnings.filter((warning) => !skipMessages.has(warning.message))],
    ...(record.warningsDropped ? { warningsDropped: record.warningsDropped } : {}),
    error: record.error,
    ...liveState(record),
  };
}
