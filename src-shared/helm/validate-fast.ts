/**
 * Fast checks of `stats.json` and `run_spec.json` for the importer, which reads thousands of them: plain loops
 * instead of zod, several times faster on a Classic-sized stats.json. They answer "valid" only where the zod
 * schemas of ./validate.ts accept the value (true ⇒ `statsFileSchema` / `runSpecSchema` succeed, with the same
 * data), and otherwise defer: on false, validate with zod, which decides and words the problem. Unusual shapes
 * (an own `constructor` key, say) are simply deferred. Dev tests check the implication on real HELM files and on
 * mutations of them.
 */
import type { Stat } from './stat';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFinite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Optional in zod (`.optional()`): absent, or present and valid. JSON has no `undefined`, so present means set. */
function optional(object: Json, key: string, check: (value: unknown) => boolean): boolean {
  return !(key in object) || check(object[key]);
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';

function isPerturbation(value: unknown): boolean {
  return (
    isObject(value) &&
    isString(value.name) &&
    optional(value, 'robustness', isBoolean) &&
    optional(value, 'fairness', isBoolean) &&
    optional(value, 'computed_on', isString)
  );
}

function isMetricName(value: unknown): boolean {
  return (
    isObject(value) &&
    isString(value.name) &&
    optional(value, 'split', isString) &&
    optional(value, 'sub_split', isString) &&
    optional(value, 'perturbation', isPerturbation)
  );
}

function isStat(value: unknown): boolean {
  if (!isObject(value)) return false;
  const count = value.count;
  return (
    isMetricName(value.name) &&
    typeof count === 'number' &&
    Number.isSafeInteger(count) &&
    count >= 0 &&
    isFinite(value.sum) &&
    isFinite(value.sum_squared) &&
    optional(value, 'min', isFinite) &&
    optional(value, 'max', isFinite) &&
    optional(value, 'mean', isFinite) &&
    optional(value, 'variance', isFinite) &&
    optional(value, 'stddev', isFinite)
  );
}

/** True only when `statsFileSchema` accepts `json` (a parsed stats.json); false: ask zod. */
export function isValidStatsFile(json: unknown): json is Stat[] {
  if (!Array.isArray(json)) return false;
  for (const stat of json) if (!isStat(stat)) return false;
  return true;
}

/** zod's record needs a plain object; an own `constructor` key makes that a question for zod. */
function isPlainRecord(value: unknown): boolean {
  return isObject(value) && Object.getPrototypeOf(value) === Object.prototype && !Object.hasOwn(value, 'constructor');
}

function isObjectSpec(value: unknown): boolean {
  return isObject(value) && isString(value.class_name) && isPlainRecord(value.args);
}

const isNumber = (value: unknown) => isFinite(value);

/** What the importer keeps of a run_spec.json. */
export interface RunSpecFields {
  readonly name: string;
  readonly model: string;
  readonly modelDeployment: string | undefined;
  readonly groups: readonly string[];
}

/**
 * The importer's fields of a parsed run_spec.json when `runSpecSchema` accepts it (groups defaulting to [] as in the
 * schema), else null: ask zod.
 */
export function fastRunSpecFields(json: unknown): RunSpecFields | null {
  if (!isObject(json)) return null;
  const adapter = json.adapter_spec;
  const groups = 'groups' in json ? json.groups : [];
  if (
    !isString(json.name) ||
    json.name.length < 1 ||
    !isObjectSpec(json.scenario_spec) ||
    !isObject(adapter) ||
    !isString(adapter.method) ||
    !isString(adapter.model) ||
    !optional(adapter, 'model_deployment', isString) ||
    !optional(adapter, 'max_train_instances', isNumber) ||
    !optional(adapter, 'max_eval_instances', (value) => value === null || isFinite(value)) ||
    !optional(adapter, 'num_train_trials', isNumber) ||
    !Array.isArray(json.metric_specs) ||
    !json.metric_specs.every(isObjectSpec) ||
    !Array.isArray(groups) ||
    !groups.every(isString)
  )
    return null;
  return {
    name: json.name,
    model: adapter.model,
    modelDeployment: adapter.model_deployment as string | undefined, // checked by `optional` above
    groups: groups as string[], // checked above
  };
}
