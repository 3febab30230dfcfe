/**
 * Every code an {@link AppError} may carry, by domain. Policies (the runner's, the services') switch on these
 * codes, never on message text; each face turns a code and its details into its own words (the CLI names flags:
 * src-main/cli/error-hints.ts; the app names fields and buttons: src-renderer/errors/error-words.ts). A code
 * that is not here does not compile, so a new failure mode gets a name before it gets a hint.
 */
/** The codes a download that could not finish ends with (network, server, a cut transfer…). */
export const DOWNLOAD_FAILURES = [
  'download.failed',
  'download.file',
  'download.http',
  'download.network',
  'download.not-found',
  'download.range',
  'download.timeout',
  'download.truncated',
] as const;

export const ERROR_CODES = [
  'internal',
  // Engine internals (HELM algorithms refusing impossible input).
  'adapter.invalid_reference_prefix',
  'adapter.invalid_state',
  'metric.invalid_args',
  'metric.invalid_state',
  'metric.missing_reference_request',
  'metric.no_correct_reference',
  'registry.duplicate',
  'registry.unknown',
  'rng.empty_sequence',
  'rng.invalid_bits',
  'rng.invalid_range',
  'rng.invalid_sample',
  'rng.invalid_seed',
  'helm.invalid-file',
  // Run entries, run specs, scenarios and plans.
  'run-spec.bad-args',
  'run-spec.bad-conf',
  'run-spec.bad-description',
  'run-spec.bad-size',
  'run-spec.not-single',
  'run-spec.unsupported',
  'scenario.bad-args',
  'scenario.source-format',
  'scenario.source-missing',
  'plan.empty',
  // The model endpoint.
  'model.auth',
  'model.unauthorized',
  'model.bad-request',
  'model.context-exceeded',
  'model.bad-response',
  'model.echo-unsupported',
  'model.logprobs-unsupported',
  'model.not-found',
  'model.rate-limited',
  'model.server-error',
  'model.timeout',
  'model.tokenize-failed',
  'model.unreachable',
  /** "Test connection": the base URL has no scheme, a mistyped one, or is not a URL (nothing was sent). */
  'model.bad-url',
  /** "Test connection": 404 for every API path, /models included: no OpenAI-compatible API at that address. */
  'model.no-api',
  /** "Test connection": the server answers 501/405 to the API paths. */
  'model.not-implemented',
  'model.response-too-large',
  /** Not an error: the prompts were fitted to an assumed context window (the server reports none). */
  'model.context-window-assumed',
  // The request cache, downloads and the engine process.
  'cache.closed',
  'cache.io',
  'cache.damaged',
  // Writes of any kind (cache, run directories, run records, leaderboards).
  'disk.full',
  'disk.write-failed',
  'download.cancelled',
  'download.checksum',
  'download.disabled',
  ...DOWNLOAD_FAILURES,
  'engine.cancelled',
  'engine.crashed',
  'engine.failed',
  'engine.interrupted',
  // Leaderboards, imports and the board's per-instance results.
  'catalogue.invalid',
  'release.file-missing',
  'import.bad-json',
  'import.bad-run-map',
  'import.busy',
  'import.cancelled',
  'import.corrupt-archive',
  'import.failed',
  'import.incomplete-run',
  'import.invalid-run',
  'import.over-budget',
  'import.no-run-map',
  'import.no-runs',
  'import.no-such-path',
  'import.unknown-job',
  'import.unknown-source',
  'import.unsafe-archive',
  'upload.bad-id',
  'upload.bad-name',
  'upload.out-of-order',
  'upload.too-large',
  'upload.unknown',
  'leaderboard.bad-name',
  'leaderboard.bad-published-table',
  'leaderboard.damaged',
  'leaderboard.no-table',
  'leaderboard.not-found',
  'leaderboard.unknown-project',
  'instances.bad-file',
  'instances.no-run',
  'instances.bad-run-map',
  'instances.cancelled',
  'instances.no-metric',
  'instances.no-runs',
  'instances.run-failed',
  'instances.unknown-model',
  // Keys and endpoints.
  'endpoint.credentials-in-url',
  'secrets.no-endpoint',
  'secrets.other-origin',
  // Runs and ranks.
  'runs.active',
  'runs.bad-id',
  'runs.bad-record',
  'runs.bad-request',
  'runs.no-endpoint',
  'runs.not-active',
  'runs.not-found',
  /** A run ended with no HELM run scored (every run skipped or failed): it is failed, not done. */
  'run.nothing-scored',
  'runs.resume-mismatch',
  'runs.stopping',
  'history.run-active',
  'export.no-result',
  'rank.no-leaderboard',
  'rank.no-runs',
  'rank.not-finished',
  'rank.several-models',
  'rank.unknown-scenario',
  /** The app's rank worker thread stopped (crashed, or the app closed) before answering. */
  'rank.worker-stopped',
  // The faces and their transports.
  'api.bad-json',
  'api.bad-request',
  'api.method',
  'api.origin',
  'api.unknown-channel',
  'bridge.http',
  'bridge.internal',
  'bridge.unauthorized',
  'bridge.unreachable',
  'ipc.untrusted-sender',
  'cli.no-key',
  'cli.usage',
  'demo.no-model',
  'demo.no-run-dir',
  'tiny-model.missing-package',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const KNOWN: ReadonlySet<string> = new Set(ERROR_CODES);

/** Whether a code (e.g. one that crossed a process boundary) is one this build knows. */
export function isErrorCode(code: string): code is ErrorCode {
  return KNOWN.has(code);
}
