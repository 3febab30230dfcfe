/**
 * What the Run step says about a run, as plain words from its progress (pure, so it is tested without React):
 * the phase the engine is in (with counts or bytes when a total is known), the request counts with an ETA only
 * when one was measured, the retries as one line, and the one sentence that sums up a run that stopped.
 */
import type { RunProgressView } from '../../src-shared/api/runs';
import type { JobPhase } from '../../src-shared/engine/progress';
import { scenarioDisplayName } from '../../src-shared/helm/scenario-names';
import { formatBytes, formatDuration, formatNumber } from '../format';

/** A bar's value and total, when a total is known. */
export interface Meter {
  readonly value: number;
  readonly max: number;
  readonly label: string;
}

/** A line of words and, when its total is known, the bar that goes with it. */
export interface PhaseLine {
  readonly text: string;
  readonly meter: Meter | null;
}

/** What the engine is doing before the requests go out (also the dry run's), or null once they do. */
export function phaseLine(phase: JobPhase | null | undefined): PhaseLine | null {
  const name = phase?.scenario ? scenarioDisplayName(phase.scenario) : '';
  const counted = (value: number | null, total: number | null, label: string): Meter | null =>
    value !== null && total !== null && total > 0 ? { value, max: total, label } : null;
  switch (phase?.step) {
    case 'checking-sources':
      return {
        text: `Checking the scenarios’ sources ${phase.done ?? 0} / ${phase.total ?? '?'}`,
        meter: counted(phase.done, phase.total, 'Sources checked'),
      };
    case 'downloading':
      return {
        text:
          phase.totalBytes !== null
            ? `Downloading ${name} data ${formatBytes(phase.bytes ?? 0)} / ${formatBytes(phase.totalBytes)}`
            : `Downloading ${name} data: ${formatBytes(phase.bytes ?? 0)} so far`,
        meter: counted(phase.bytes, phase.totalBytes, `Downloading ${name} data`),
      };
    case 'preparing':
      return {
        text: `Preparing ${name}${phase.total !== null && phase.total > 1 ? ` (scenario ${(phase.done ?? 0) + 1} of ${phase.total})` : ''}`,
        meter: counted(phase.done, phase.total, 'Scenarios prepared'),
      };
    case 'planning':
      return {
        text: `Planning the requests: ${phase.done ?? 0} / ${phase.total ?? '?'} HELM runs`,
        meter: counted(phase.done, phase.total, 'HELM runs planned'),
      };
    default:
      return null;
  }
}

/** The phase line of a run and, when its total is known, its bar; null once the run stopped. */
export function phaseView(progress: RunProgressView): PhaseLine | null {
  if (progress.status !== 'running' && progress.status !== 'planning') return null;
  const line = phaseLine(progress.phase);
  if (line) return line;
  if (progress.status === 'planning') return { text: 'Starting the engine…', meter: null };
  if (progress.stalledSeconds != null)
    return {
      text: `Running · waiting for the model server… (no answer for ${formatDuration(progress.stalledSeconds)})`,
      meter: null,
    };
  if (progress.requestsTotal > 0 && progress.requestsDone >= progress.requestsTotal)
    return { text: 'Scoring the answers and writing the results…', meter: null };
  const rate = progress.requestsPerSecond ?? 0;
  return {
    text:
      rate > 0
        ? `Sending requests · ${rate < 10 ? rate.toFixed(1) : Math.round(rate)} answers / s`
        : 'Sending requests',
    meter: null,
  };
}

/**
 * `12 / 38 requests · ETA 21 s · 1,234 tokens · $0.01`: the ETA only when measured, never while the server is silent;
 * `cost` in words (src-renderer/cost-words.ts `runCostWords`).
 */
export function countsText(progress: RunProgressView, cost: string): string {
  const parts = [`${formatNumber(progress.requestsDone)} / ${formatNumber(progress.requestsTotal)} requests`];
  if (progress.status === 'running' && progress.etaSeconds !== null && progress.stalledSeconds == null)
    parts.push(`ETA ${formatDuration(progress.etaSeconds)}`);
  parts.push(`${formatNumber(progress.promptTokens + progress.completionTokens)} tokens`);
  parts.push(cost);
  return parts.join(' · ');
}

/** `Retrying 8 requests · HTTP 503 (service unavailable) · attempt 3 of 7`, while retries happen. */
export function retryText(progress: RunProgressView): string | null {
  const retry = progress.retrying;
  if (!retry || progress.status !== 'running') return null;
  const requests = retry.requests === 1 ? '1 request' : `${formatNumber(retry.requests)} requests`;
  return `Retrying ${requests} · ${retry.reason} · attempt ${retry.attempt} of ${retry.maxAttempts}`;
}

/** `Interrupted — 12 / 38 done`: the state of a run that stopped before the end and can resume. */
export function stoppedText(progress: RunProgressView): string | null {
  const word =
    progress.status === 'interrupted'
      ? 'Interrupted'
      : progress.status === 'paused'
        ? 'Paused'
        : progress.status === 'cancelled'
          ? 'Cancelled'
          : null;
  if (!word) return null;
  return `${word} — ${formatNumber(progress.requestsDone)} / ${formatNumber(progress.requestsTotal)} done —`;
}
