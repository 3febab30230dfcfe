/**
 * Where a user's row lands in a legacy board's row order (docs/helm-fidelity.md §7.1 item 8). The legacy mean win
 * rate breaks ties by row position, so the position is part of the rank.
 *
 * HELM's `Summarizer.create_group_table` (`src/helm/benchmark/presentation/summarize.py`) sorts a table's adapter
 * specs with `_adapter_spec_sort_key`, a stable sort on (index of the key in the schema's `models:` list, or −1;
 * the key):
 * - v0.3.0 keys on `adapter_spec.model` (summarize.py@v0.3.0, `model_order.index(spec.model)`);
 * - v0.4.0 keys on `adapter_spec.model_deployment` (summarize.py@v0.4.0, `model_order.index(spec.model_deployment)`),
 *   which runs made before v0.4.0 do not have: they read `""` and all sort first, in read order.
 * The rows enter the sort in the order runs were read (`read_runs`: suites in the order given, run directories
 * sorted within a suite), and a user's suite is listed after the release's, so a user row whose key equals a
 * board row's stays after it. Hence the user's position is the number of board rows whose key sorts at or before
 * the user's:
 * - v0.3.0: an unlisted model sorts before every listed one (alphabetically among unlisted ones), so a new model
 *   goes first; a re-run of a listed model goes right after that model's row.
 * - v0.4.0: the user's run has a deployment (our runs write `model_deployment`), so it sorts after every board row
 *   without one — all of Classic v0.4.0 but Mistral 7B, whose runs (suite `v0.4.0`) were made with v0.4.0 code —
 *   and among the rows with one by (index, deployment).
 */

/** What the sort key is read from. */
export type RowOrderKey = 'model' | 'model_deployment';

/** A table row's identity: HELM's `adapter_spec.model` and `adapter_spec.model_deployment` (`""` before v0.4.0). */
export interface RowIdentity {
  readonly model: string;
  readonly deployment: string;
}

/** The summarize version behind a legacy board: v0.3.x keys rows on the model, later code on the deployment. */
export function rowOrderKeyFor(release: string): RowOrderKey {
  return /^v?0\.3(\.|$)/.test(release.trim()) ? 'model' : 'model_deployment';
}

/**
 * Deployments of published release rows whose runs carry one, where the release table itself does not say:
 * Classic v0.4.0's Mistral 7B runs (the 74 runs of suite `v0.4.0` in its `runs_to_run_suites.json`) used the only
 * deployment of that model in v0.4.0's `src/helm/config/model_deployments.yaml`.
 */
export const KNOWN_RELEASE_DEPLOYMENTS: Readonly<Record<string, string>> = {
  'mistralai/mistral-7b-v0.1': 'together/mistral-7b-v0.1',
};

/** `_adapter_spec_sort_key`: (index in the schema's models or −1, key). */
function sortKey(identity: RowIdentity, key: RowOrderKey, schemaModels: ReadonlyMap<string, number>): [number, string] {
  const value = key === 'model' ? identity.model : identity.deployment;
  return [schemaModels.get(value) ?? -1, value];
}

function compareKeys(a: [number, string], b: [number, string]): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0; // Python compares str by code point, as here
}

/**
 * The user's row position (0 = before every board row) among `boardRows` (in the board's row order) under the
 * legacy summarize's stable sort.
 */
export function userRowPosition(
  boardRows: readonly RowIdentity[],
  user: RowIdentity,
  schemaModels: readonly string[],
  key: RowOrderKey,
): number {
  const index = new Map(schemaModels.map((model, i) => [model, i]));
  const userKey = sortKey(user, key, index);
  return boardRows.filter((row) => compareKeys(sortKey(row, key, index), userKey) <= 0).length;
}
