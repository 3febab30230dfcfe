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
/** Why nothing answered, by the failure "Test connection" saw (src-main/engine/client/endpoint-probe.ts). */
const UNREACHABLE: Readonly<Record<string, string>> = {
  refused: 'Start the model server, or check the port in the base URL.',
  dns: 'Check the host name in the base URL, and the network connection.',
  tls: 'If the server speaks plain HTTP, use http:// instead of https://; otherwise check its certificate.',
  reset: 'The server closed the connection: check that the base URL points at the model server (and the port).',
  other: 'Check the base URL (usually ending in /v1) and that the server is running.',
};

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
  'model.not-found': (details) =>
    Array.isArray(details.knownModels) && details.knownModels.length > 0
      ? `Check the model name: this server serves ${detailList(details.knownModels, 8)}.`
      : 'Check the model name (as the server lists it under /v1/models) and the base URL (usually ending in /v1).',
  'model.unreachable': (details) => UNREACHABLE[detailText(details.reason)] ?? UNREACHABLE.other,
  'model.echo-unsupported':
    'Choose Completions mode with a server that supports echo and logprobs (e.g. vLLM, llama.cpp server); these scenarios are skipped otherwise.',
  'model.context-exceeded':
    "The prompt did not fit the model's context window: serve the model with a larger context window and run again.",
  'model.context-window-assumed':
    'The server does not report its context window; prompts near the limit may be fitted differently from HELM.',
  'cache.io': 'Check the permissions of the data folder; another program may hold the request cache locked.',
  'cache.damaged':
    'Close the app and move requests.sqlite out of the cache folder of the data folder: an empty cache starts, and answers are requested again.',
  'disk.full':
    'Free some space on that disk, then try again (for a run, press "Resume"): nothing already saved is lost.',
  'disk.write-failed': 'Check the permissions of the data folder and that its disk is healthy.',
  'model.response-too-large':
    "Lower the model server's max_tokens: answers this large are abandoned, and the run goes on without them.",
  'runs.resume-mismatch':
    'Open the run from History and press "Resume": it goes on with its own settings. For other settings, start a new run.',
  'scenario.source-missing': (details) =>
    typeof details.status === 'number'
      ? `The ${details.mirrored ? 'download mirror' : 'server'} has no such file: put it there, or change the download mirror on the Leaderboard step; or leave the scenario out on the Budget step.`
      : 'Check the network connection, or the download mirror on the Leaderboard step; the file must be reachable at this URL or its mirror.',
  ...sameAdvice(DOWNLOAD_FAILURES, DOWNLOAD),
  'download.not-found': (details) =>
    `The server has no file at ${detailText(details.url) || 'this address'}: check the download mirror on the Leaderboard step.`,
  'download.http': (details) =>
    typeof details.status === 'number' && details.status >= 500
      ? 'The server failed; try again later. A partial file is kept and resumed next time.'
      : 'The server refused the download: check the download mirror on the Leaderboard step.',
  'run.nothing-scored': (details) =>
    details.cause === 'model'
      ? 'Fix what the warnings below say about the model server (Model step), then press "Resume": answers already received are not paid for again.'
      : 'Put the missing files on the download mirror, or change the download mirror on the Leaderboard step, then press "Resume"; or start a new run without those scenarios (untick them on the Budget step): a run resumes with the scenarios it started with.',
  'model.bad-url': (details) =>
    details.suggestion
      ? `Did you mean ${detailText(details.suggestion)}? Correct the base URL, then test again.`
      : 'Type the full address of the server, e.g. http://127.0.0.1:8000/v1, then test again.',
  'model.no-api':
    'Check the base URL: it usually ends in /v1 (e.g. http://127.0.0.1:8000/v1), and must point at the model server, not at its web page.',
  'model.not-implemented':
    'This address is not an OpenAI-compatible API server (or not its API path): check the base URL, and that the server offers /v1/completions or /v1/chat/completions.',
  'model.server-error':
    'The model server failed to answer: look at its log, wait until the model is loaded, then test again.',
  'model.timeout':
    'The server may be busy or still loading the model: wait a moment and test again; a slow server is fine for a run.',
  'model.bad-request': 'Check the model name (as the server lists it under /v1/models) and the mode.',
  'model.bad-response': 'Check the base URL: something answers there, but not an OpenAI-compatible API.',
  'run-spec.bad-size': (details) => `Choose one of ${detailList(details.sizes)} examples per scenario.`,
  'import.corrupt-archive': (details) =>
    details.importOrigin === 'upload'
      ? 'Check that the file is a complete HELM run archive (run_stats.zip) and opens with an unzip tool, then upload it again.'
      : details.importOrigin === 'file'
        ? 'Check that the file is a complete HELM run archive (run_stats.zip) and opens with an unzip tool; copy it again if it was cut short, or choose another one.'
        : 'The downloaded file may be incomplete or damaged: delete it, then press "Download" again.',
  'import.no-such-path':
    'Check the path: it must name a run archive (.zip), a benchmark_output/runs/<suite> folder or a release folder on the machine running HELM Rank; or choose a version from the list above.',
  'import.no-runs': 'Choose a HELM run archive (run_stats.zip) or a benchmark_output/runs/<suite> folder.',
  'leaderboard.not-found': 'Pick a leaderboard from the list on the Leaderboard step, or import one there.',
  'leaderboard.damaged': 'Import this leaderboard again on the Leaderboard step.',
  'instances.cancelled': 'Start it again: finished runs are kept.',
  'instances.no-runs': RUN_DIRECTORY,
  'rank.no-runs': RUN_DIRECTORY,
  'rank.several-models': "Rank one model at a time: choose a folder with that model's runs only.",
  'rank.not-finished': 'Resume the run first (Run step, "Resume").',
  'rank.unknown-scenario': (details) => `Choose scenarios this leaderboard has: ${detailList(details.scenarios)}.`,
  'rank.worker-stopped': 'Try again: a fresh worker is started for the next request.',
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
