/**
 * What `--resume` (and the app's Resume) may change: nothing that would put another model's or another budget's
 * answers into the same run. The model, the name sent to the server, the prompt mode, the budget, the scenarios,
 * the suite and the trials must match the record. The base URL may change only when the user says it is the same
 * server at a new address (`--endpoint-moved`); the move is recorded in run.json, and the request cache keeps
 * answering under the run's first address, so nothing already answered is paid again.
 */
import { AppError } from '../../../src-shared/errors';
import type { EngineJob } from '../../../src-shared/engine/job';
import type { EndpointMove, RunRecord } from './run-store';

/** A base URL as the client uses it (no trailing slashes), for comparison. */
export function normalBaseUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

/** The address the run's answers are cached under: its first base URL. */
export function cacheBaseUrl(record: RunRecord): string {
  return normalBaseUrl(record.endpointMoves?.[0]?.from ?? record.baseUrl);
}

/**
 * Throws `runs.resume-mismatch` when `job` would continue `record` with other settings; returns the endpoint move
 * to record when the base URL changed and `endpointMoved` allows it.
 */
export function checkResume(record: RunRecord, job: EngineJob, endpointMoved: boolean): EndpointMove | null {
  const asked = {
    model: job.endpoint.model,
    apiModel: job.endpoint.apiModel ?? job.endpoint.model,
    mode: job.endpoint.mode,
    examplesPerScenario: String(job.examplesPerScenario),
    scenarios: (job.scenarios ?? []).join(','),
    suite: job.suite,
    numTrainTrials: String(job.numTrainTrials),
  };
  const recorded = {
    model: record.model,
    apiModel: record.apiModel,
    mode: record.mode,
    examplesPerScenario: String(record.examplesPerScenario),
    scenarios: (record.scenarios ?? []).join(','),
    suite: record.suite,
    numTrainTrials: String(record.numTrainTrials),
  };
  const words: Record<keyof typeof asked, string> = {
    model: 'model',
    apiModel: 'model name sent to the server',
    mode: 'prompt mode',
    examplesPerScenario: 'examples per scenario',
    scenarios: 'scenario list',
    suite: 'suite',
    numTrainTrials: 'number of train trials',
  };
  for (const key of Object.keys(asked) as (keyof typeof asked)[]) {
    if (asked[key] === recorded[key]) continue;
    throw new AppError({
      code: 'runs.resume-mismatch',
      message: `Run ${record.runId} was made with ${words[key]} '${recorded[key] || '(all)'}'; it cannot be resumed with '${asked[key] || '(all)'}' (that would mix two evaluations in one run).`,
      details: { runId: record.runId, field: key, recorded: recorded[key], asked: asked[key] },
    });
  }
  const from = normalBaseUrl(record.baseUrl);
  const to = normalBaseUrl(job.endpoint.baseUrl);
  if (from === to) return null;
  if (!endpointMoved)
    throw new AppError({
      code: 'runs.resume-mismatch',
      message: `Run ${record.runId} was made against ${from}; it cannot be resumed against ${to} (another server would mix two models' answers in one run).`,
      details: { runId: record.runId, field: 'baseUrl', recorded: from, asked: to },
    });
  return { from, to, at: new Date().toISOString() };
}
