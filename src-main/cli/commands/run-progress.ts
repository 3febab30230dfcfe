/**
 * One engine run from the CLI with live progress (a bar on a TTY, plain lines otherwise) on stderr; Ctrl+C
 * cancels it. Shared by `helm-rank run` and its adaptive mode, which runs one of these per stage.
 */
import type { CliContext } from '../command';
import { cliHint } from '../error-hints';
import { createProgressReporter } from '../progress';
import type { RunRequest, RunService } from '../../services/runs/run-service';
import type { RunRecord } from '../../services/runs/run-store';

/** Starts (or resumes) a run, shows its progress and resolves with the final record. */
export async function runWithProgress(
  service: RunService,
  request: RunRequest,
  resume: string | undefined,
  context: CliContext,
  options: { endpointMoved?: boolean } = {},
): Promise<RunRecord> {
  const progress = createProgressReporter(context.stderr);
  const stop = service.onEvent(({ message }) => {
    switch (message.type) {
      case 'plan':
        progress.log(
          `Plan: ${message.plan.runs.length} runs, ${message.plan.totals.requests} requests, ~${message.plan.totals.estimatedPromptTokens} prompt tokens${message.plan.totals.estimatedCostUsd === null ? '' : `, ≤ $${message.plan.totals.estimatedCostUsd.toFixed(4)}`}.`,
        );
        break;
      case 'progress': {
        const { overall } = message;
        const eta = overall.etaSeconds === null ? '' : `, ETA ${formatSeconds(overall.etaSeconds)}`;
        const cost = overall.costUsd === null ? '' : `, $${overall.costUsd.toFixed(4)}`;
        progress.update({
          label: overall.isPaused ? 'paused' : 'requests',
          done: overall.requestsDone,
          total: overall.requestsTotal,
          rate: overall.requestsPerSecond,
          detail: `${overall.cachedHits} cached, ${overall.promptTokens + overall.completionTokens} tokens${cost}${eta}`,
        });
        break;
      }
      case 'log': {
        // A warning about a failure or an assumption carries its code: the CLI adds its advice (flags).
        const hint = message.code ? cliHint({ code: message.code, message: message.message }) : undefined;
        const text = hint ? `${message.message} ${hint}` : message.message;
        progress.log(message.level === 'warning' ? `warning: ${text}` : text);
        break;
      }
      case 'run-finished':
        progress.log(`done: ${message.run.runName}`);
        break;
      default:
        break;
    }
  });
  const started = await service.start(request, resume, options);
  const onAbort = () => service.cancel(started.runId);
  context.signal.addEventListener('abort', onAbort, { once: true });
  return started.finished.finally(() => {
    context.signal.removeEventListener('abort', onAbort);
    stop();
    progress.finish();
  });
}

function formatSeconds(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)}s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)}m`;
  return `${(seconds / 3600).toFixed(1)}h`;
}
