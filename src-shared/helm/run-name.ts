/**
 * HELM run names (`<run-spec function>:<arg>=<value>,…`, e.g. `mmlu:subject=anatomy,method=multiple_choice_joint,
 * model=openai_davinci,max_eval_instances=10`), read in one place. The engine's own plans carry each run's
 * scenario and groups (src-shared/engine/job.ts), so this is for names read from elsewhere: a leaderboard's runs,
 * run directories, records written before plans carried them.
 */

/** A run name split into its base (`natural_qa`) and arguments. */
export interface ParsedRunName {
  readonly base: string;
  readonly args: ReadonlyMap<string, string>;
}

export function parseRunName(name: string): ParsedRunName {
  const colon = name.indexOf(':');
  const args = new Map<string, string>();
  if (colon < 0) return { base: name, args };
  for (const part of name.slice(colon + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) args.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return { base: name.slice(0, colon), args };
}

/** The run-spec function a run name starts with (`mmlu`, `commonsense`, `civil_comments`): its scenario. */
export function runScenario(name: string): string {
  return parseRunName(name).base;
}

const CONF_ARGUMENTS = new Set([
  'model',
  'model_deployment',
  'data_augmentation',
  'max_eval_instances',
  'num_train_trials',
  'groups',
  'stop',
  'global_prefix',
]);

/** A run name without the model and conf arguments: `mmlu:subject=econometrics,method=multiple_choice_joint`. */
export function runKey(name: string): string {
  const colon = name.indexOf(':');
  if (colon < 0) return name;
  const args = name
    .slice(colon + 1)
    .split(',')
    .filter((arg) => arg && !CONF_ARGUMENTS.has(arg.split('=')[0] ?? ''))
    .sort();
  return `${name.slice(0, colon)}:${args.join(',')}`;
}

/** `mmlu:subject=anatomy,method=…,model=org_x,max_eval_instances=10` → `mmlu:subject=anatomy,method=…` */
export function shortRunName(runName: string): string {
  return runName
    .replace(/,?model=[^,]*/, '')
    .replace(/,?max_eval_instances=\d+/, '')
    .replace(/,?data_augmentation=[^,]*/, '')
    .replace(/:$/, '');
}
