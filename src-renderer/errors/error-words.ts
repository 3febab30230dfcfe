/**
 * What the user can do about an error, in the app's words: the wizard's steps, fields and buttons. The engine and
 * the services say what went wrong (code, message, cause, details); this is the app's side of turning that into
 * advice (the CLI's side, in flags, is src-main/cli/error-hints.ts). Pure: no React, no store.
 */
import { adviceFor, detailList, detailText, sameAdvice } from '../../src-shared/error-advice';
import { DOWNLOAD_FAILURES } from '../../src-shared/error-codes';
import type { AdviceTable } from '../../src-shared/error-advice';
import type { AppErrorData } from '../../src-shared/errors';

const DOWNLOAD =
  'Check the network connection, or set a download mirror on the Leaderboard step. A partial file is kept and resumed next time.';
const RUN_DIRECTORY = 'Choose a run folder or a suite folder (benchmark_output/runs/<suite>).';

const reenter = (endpoint: string): string =>
  `Enter the API key for ${endpoint} in the API key field and press "Save key" (it will then be used for ${endpoint} only), then try again.`;

const WORDS: AdviceTable = {
  'endpoint.credentials-in-url':
    'Remove the "user:password@" part, then enter the key in the API key field and press "Save key".',
  // A key from an environment variable is bound when `helm-rank serve` starts: that is where it is rebound.
  'secrets.other-origin': (details) =>
    `${reenter(detailText(details.endpoint) || 'this base URL')}${details.keyPreset ? ` Or restart with \`helm-rank serve --key-origin ${detailText(details.keyPreset)}=${detailText(details.origin) || 'URL'}\` to bind the variable to it.` : ''}`,
  'model.unauthorized': (details) =>
    details.hasKey
      ? 'Enter the correct key for this service, press "Save key", then test again.'
      : 'This service needs an API key: enter it, press "Save key", then test again.',
  'model.auth': 'Enter the correct API key on the Model step, press "Save key", then test again.',
  'model.not-found':
    'Check the model name (as the server lists it under /v1/models) and the base URL (usually ending in /v1).',
  'model.unreachable': 'Check the base URL (usually ending in /v1) and that the server is running.',
  'model.echo-unsupported':
    'Choose Completions mode with a server that supports echo and logprobs (e.g. vLLM, llama.cpp server); these scenarios are skipped otherwise.',
  'model.context-exceeded':
    "The prompt did not fit the model's context window: serve the model with a larger context window and run again.",
  'model.context-window-assumed':
    'The server does not report its context window; prompts near the limit may be fitted differently from HELM.',
  'cache.io': 'Check free disk space and the permissions of the data folder.',
  'scenario.source-missing':
    'Check the network or the download mirror (Leaderboard step); the file must be reachable at this URL or its mirror.',
  ...sameAdvice(DOWNLOAD_FAILURES, DOWNLOAD),
  'run-spec.bad-size': (details) => `Choose one of ${detailList(details.sizes)} examples per scenario.`,
  'import.corrupt-archive': 'The download may be incomplete or damaged; delete it and import again.',
  'import.no-runs': 'Choose a HELM run archive (run_stats.zip) or a benchmark_output/runs/<suite> folder.',
  'leaderboard.not-found': 'Pick a leaderboard from the list on the Leaderboard step, or import one there.',
  'leaderboard.damaged': 'Import this leaderboard again on the Leaderboard step.',
  'instances.cancelled': 'Start it again: finished runs are kept.',
  'instances.no-runs': RUN_DIRECTORY,
  'rank.no-runs': RUN_DIRECTORY,
  'rank.several-models': "Rank one model at a time: choose a folder with that model's runs only.",
  'rank.not-finished': 'Resume the run first (Run step, "Resume").',
  'rank.unknown-scenario': (details) => `Choose scenarios this leaderboard has: ${detailList(details.scenarios)}.`,
  'bridge.unreachable': 'Is `helm-rank serve` still running?',
  'instances.no-run': 'Pick a scenario from the list.',
  'upload.unknown': 'Choose the file again.',
  'upload.out-of-order': 'Choose the file again.',
  'upload.too-large': 'Import it by its path on the machine running HELM Rank instead (the Path field).',
  'export.no-result': 'Open its results once it has finished (History, "Open").',
  'history.run-active': 'Cancel it on the Run step first.',
};

/** The app's advice for an error, or undefined when there is nothing more to say than its message. */
export function errorAdvice(error: AppErrorData): string | undefined {
  return adviceFor(WORDS, error);
}
