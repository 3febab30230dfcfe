/**
 * A user's HELM run directory as the engine writes it, reduced to what ranking reads: `run_spec.json` (name, model,
 * groups) and `per_instance_stats.json` in HELM's shape — one entry per (instance, trial) per metric class, stats
 * with count 1, and a perturbed worst-case copy the reader must skip.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

function perInstanceFile(ids: readonly string[], values: readonly number[], metric: string, split: string): unknown[] {
  const stat = (name: string, value: number) => ({
    name: { name, split },
    count: 1,
    sum: value,
    sum_squared: value ** 2,
    min: value,
    max: value,
    mean: value,
  });
  return ids.flatMap((id, i) => [
    { instance_id: id, train_trial_index: 0, stats: [stat(metric, values[i] as number)] },
    { instance_id: id, train_trial_index: 0, stats: [stat('num_prompt_tokens', 100)] },
    {
      instance_id: id,
      perturbation: { name: 'robustness', robustness: true, fairness: false, computed_on: 'worst' },
      train_trial_index: 0,
      stats: [stat(metric, 0)],
    },
  ]);
}

/** One run of the model `me/my-model` under `suite`; instance ids default to `id10`, `id11`, … */
export async function writeUserRun(
  suite: string,
  name: string,
  group: string,
  metric: string,
  split: string,
  values: readonly number[],
  ids: readonly string[] = values.map((_, i) => `id${i + 10}`),
): Promise<void> {
  const directory = join(suite, name.replace(/[:/]/g, '_'));
  await mkdir(directory, { recursive: true });
  const spec = {
    name,
    scenario_spec: { class_name: 'x', args: {} },
    adapter_spec: { method: 'generation', model: 'me/my-model', max_eval_instances: 20 },
    metric_specs: [],
    groups: [group],
  };
  await writeFile(join(directory, 'run_spec.json'), JSON.stringify(spec));
  await writeFile(
    join(directory, 'per_instance_stats.json'),
    JSON.stringify(perInstanceFile(ids, values, metric, split)),
  );
}
