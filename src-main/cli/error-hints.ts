/**
 * What the user can do about an error, in the CLI's words: flags, commands and files. The engine and the services
 * say what went wrong (code, message, cause, details); this is the CLI's side of turning that into advice (the
 * app's side is src-renderer/errors/error-words.ts).
 */
import { adviceFor, detailList, detailText, sameAdvice } from '../../src-shared/error-advice';
import { DOWNLOAD_FAILURES } from '../../src-shared/error-codes';
import type { AdviceTable } from '../../src-shared/error-advice';
import { AppError } from '../../src-shared/errors';
import type { AppErrorData } from '../../src-shared/errors';

const RUN_DIRECTORY = 'Pass a run directory or a suite directory (benchmark_output/runs/<suite>).';
const DOWNLOAD =
  'Check the network connection, or set a mirror with --mirror URL / HELM_RANK_MIRROR. A partial file is kept and resumed next time.';

const HINTS: AdviceTable = {
  'cli.usage': (details) =>
    details.usage
      ? `usage: ${detailText(details.usage)}`
      : details.example
        ? `e.g. ${detailText(details.example)}.`
        : undefined,
  'endpoint.credentials-in-url': (details) =>
    `Remove the "user:password@" part, then ${details.keyVariable ? `put the key in ${detailText(details.keyVariable)}` : 'put the key in an environment variable and name it with --api-key-env'}.`,
  'secrets.other-origin': (details) =>
    details.keyPreset
      ? `Restart with \`helm-rank serve --key-origin ${detailText(details.keyPreset)}=${detailText(details.origin) || 'URL'}\` to bind the variable to it.`
      : 'Give the key for this endpoint with --api-key-env.',
  'demo.no-model': 'Pass --model PATH to a small GGUF model (e.g. stories260K.gguf).',
  'tiny-model.missing-package':
    'Run `bash scripts/setup.sh` (it installs node-llama-cpp@3.22.1), or `npm install --no-save node-llama-cpp@3.22.1`.',
  'model.echo-unsupported':
    'Use --mode completions with a server that supports echo and logprobs (e.g. vLLM, llama.cpp server), or leave these scenarios out.',
  'model.context-exceeded':
    "Set the model's context window (--context-window) so prompts are fitted as HELM fits them.",
  'model.context-window-assumed': 'Set --context-window to the real one.',
  'model.unreachable': 'Check --base-url and that the server is running.',
  'model.auth': 'Set the key in the environment variable named by --api-key-env.',
  'model.unauthorized': 'Set the key in the environment variable named by --api-key-env.',
  'model.not-found': 'Check --model (as the server lists it under /v1/models) and --base-url (usually ending in /v1).',
  'cache.io':
    'Check the permissions of the data directory (--data-dir / HELM_RANK_HOME); another program may hold the cache locked.',
  'cache.damaged':
    'Run `helm-rank cache verify` to see what reads; moving requests.sqlite away starts an empty cache (answers are then requested again).',
  'disk.full':
    'Free some space on that disk (or use --data-dir on another one) and try again: nothing already saved is lost; a run resumes with --resume RUN_ID.',
  'disk.write-failed':
    'Check the permissions of the data directory (--data-dir / HELM_RANK_HOME) and that its disk is healthy.',
  'model.response-too-large':
    'Lower max_tokens on the server side, or raise the limit with --max-response-mb if such answers are expected.',
  'runs.resume-mismatch': (details) =>
    details.field === 'baseUrl'
      ? `If ${detailText(details.asked)} is the same server and model at a new address, add --endpoint-moved (the move is recorded in run.json).`
      : `Resume it with its own settings (\`helm-rank run --resume ${detailText(details.runId)}\` alone reuses them), or start a new run without --resume.`,
  'scenario.source-missing': (details) =>
    typeof details.status === 'number'
      ? `The ${details.mirrored ? 'mirror' : 'server'} has no such file: put it there, or point --mirror (or HELM_RANK_MIRROR) at a mirror that has it; --scenarios can leave the scenario out.`
      : 'Check the network, or the mirror (--mirror / HELM_RANK_MIRROR); the file must be reachable at this URL or its mirror.',
  ...sameAdvice(DOWNLOAD_FAILURES, DOWNLOAD),
  'download.not-found': (details) =>
    `The server has no file at ${detailText(details.url) || 'this address'}: check --mirror (or HELM_RANK_MIRROR), or the source.`,
  'download.http': (details) =>
    typeof details.status === 'number' && details.status >= 500
      ? 'The server failed; try again later. A partial file is kept and resumed next time.'
      : 'The server refused the download: check --mirror (or HELM_RANK_MIRROR), or the source.',
  'run.nothing-scored': (details) =>
    details.cause === 'model'
      ? 'Fix what the warnings above say about the model server, then resume the run with --resume RUN_ID (answers already cached are not sent again).'
      : 'Put the missing files on the mirror (--mirror / HELM_RANK_MIRROR), then resume the run with --resume RUN_ID; or leave those scenarios out in a new run with --scenarios (a resumed run keeps its scenario list).',
  'run-spec.bad-size': (details) => `Choose one of ${detailList(details.sizes)}.`,
  'import.corrupt-archive': (details) =>
    details.importOrigin === 'download'
      ? 'The downloaded file may be incomplete or damaged: delete it and run the import again.'
      : 'Check that the file is a complete HELM run archive (run_stats.zip): `unzip -t` it, copy it again if it was cut short.',
  'import.no-such-path': (details) =>
    `Check the path; or give a catalogue version (${detailList(details.knownVersions)}; \`helm-rank leaderboard list\`) or a URL.`,
  'import.no-runs': 'Point at a HELM run archive (run_stats.zip) or a benchmark_output/runs/<suite> folder.',
  'leaderboard.not-found':
    'List them with `helm-rank leaderboard list`, or import one with `helm-rank leaderboard import`.',
  'leaderboard.damaged': (details) =>
    `Import it again: helm-rank leaderboard import <source> --name ${detailText(details.leaderboard) || '<name>'}`,
  'instances.cancelled': 'Run the same command again: finished runs are kept.',
  'instances.no-runs': RUN_DIRECTORY,
  'rank.no-runs': RUN_DIRECTORY,
  'rank.several-models': "Rank one model at a time: pass a directory with that model's runs only.",
  'rank.not-finished': 'Resume the run first.',
  'rank.unknown-scenario': (details) => `Choose --scenarios among ${detailList(details.scenarios)}.`,
};

/** The CLI's advice for an error, or undefined when there is nothing more to say than its message. */
export function cliHint(error: AppErrorData): string | undefined {
  return adviceFor(HINTS, error);
}

/** The lines the CLI prints under an error's first line: its cause (when it adds something) and the hint. */
export function cliErrorLines(error: AppErrorData): string {
  const hint = cliHint(error);
  const cause = error.cause && error.cause !== error.message ? `  cause: ${error.cause}\n` : '';
  return `${cause}${hint ? `  hint: ${hint}\n` : ''}`;
}

/** A `cli.usage` error: the message, with the command's usage line as the hint. */
export function usageError(usage: string, message: string): AppError {
  return new AppError({ code: 'cli.usage', message, details: { usage: `helm-rank ${usage}` } });
}

/** The `  hint: …` line for an error (empty when there is none). */
export function hintLine(error: AppErrorData | null | undefined): string {
  const hint = error ? cliHint(error) : undefined;
  return hint ? `  hint: ${hint}\n` : '';
}
