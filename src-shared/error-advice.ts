/**
 * Advice that names nothing of a face (no flag, field or button): the known names an error's details list, what
 * a damaged file means. Each face words the rest itself (src-main/cli/error-hints.ts in flags,
 * src-renderer/errors/error-words.ts in fields and buttons) and falls back to this.
 */
import { isErrorCode } from './error-codes';
import type { ErrorCode } from './error-codes';
import type { AppErrorData, ErrorDetail, ErrorDetails } from './errors';

/** A face's advice for one code: fixed words, or words from the error's details (undefined: nothing to add). */
export type Advice = string | ((details: ErrorDetails) => string | undefined);
export type AdviceTable = Partial<Record<ErrorCode, Advice>>;

/** A text in an error's details ('' when absent or not a text). */
export function detailText(value: ErrorDetail | undefined): string {
  return typeof value === 'string' ? value : '';
}

/** A list in an error's details as words (`a, b, c`, cut after `limit` items with `…`). */
export function detailList(value: ErrorDetail | undefined, limit = Infinity): string {
  const items = Array.isArray(value) ? value.map(String) : [];
  if (items.length === 0) return 'none';
  return `${items.slice(0, limit).join(', ')}${items.length > limit ? ', …' : ''}`;
}

/** The same advice for several codes. */
export function sameAdvice(codes: readonly ErrorCode[], advice: Advice): AdviceTable {
  return Object.fromEntries(codes.map((code) => [code, advice]));
}

export const NEUTRAL_ADVICE: AdviceTable = {
  'scenario.source-format': 'The source may have changed upstream; a mirror may serve a different file.',
  'download.checksum':
    'The source may have changed or a mirror may hold another version; the partial file was deleted.',
  'download.cancelled': 'Start it again to resume where it stopped.',
  'run-spec.bad-args': (details) => (details.knownSubsets ? `Known: ${detailList(details.knownSubsets)}.` : undefined),
  'run-spec.unsupported':
    'Efficient-HELM entries use only model and max_eval_instances; perturbations (data_augmentation) are not implemented.',
  'import.unknown-source': (details) => `Known versions: ${detailList(details.knownVersions)}.`,
  'import.unsafe-archive':
    'HELM run archives only hold run_spec.json / stats.json files under relative paths; get the archive from its official source.',
  'leaderboard.bad-name': 'Use letters, digits, dot, dash and underscore (e.g. classic-v0.3.0).',
  'leaderboard.no-table': (details) => `Available: ${detailList(details.knownTables)}.`,
  'leaderboard.unknown-project': (details) => `Known projects: ${detailList(details.knownProjects)}.`,
  'instances.unknown-model': (details) => `Models: ${detailList(details.knownModels, 8)}`,
  'import.over-budget':
    'Published HELM releases stay far below these limits; check that this is a HELM run archive or folder from its official source.',
  'secrets.no-endpoint': 'The key will be sent to that endpoint only.',
  'bridge.unauthorized': 'Open the URL `helm-rank serve` printed, token included (the part after #).',
};

/** The advice of a face's table for an error (falling back to the neutral advice), or undefined. */
export function adviceFor(table: AdviceTable, error: AppErrorData): string | undefined {
  if (!isErrorCode(error.code)) return undefined;
  const advice = table[error.code] ?? NEUTRAL_ADVICE[error.code];
  return typeof advice === 'function' ? advice(error.details ?? {}) : advice;
}
