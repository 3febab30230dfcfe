/**
 * Reading one Classic-scale `per_instance_stats.json` for the leaderboard's per-instance cache: 1,000 instances ×
 * 3 trials × (original + 5 canonical perturbations), 27 stats per entry, pretty-printed as HELM writes it (≈ 7.5 KB
 * per entry, like the real files in ../shared/data/every_eval_ever/tests_data_helm) — about 135 MB. Prints the file
 * size, the streaming read time and the peak RSS while reading, then the whole-file JSON.parse for comparison.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { readMainMetricFile } from '../src-main/services/board-instances/per-instance-reader';

const INSTANCES = 1000;
const TRIALS = 3;
const PERTURBATIONS = [null, 'misspelling_sweep', 'synonym', 'dialect', 'gender', 'person_name'];
const FILLER = [
  'num_references',
  'num_train_trials',
  'num_prompt_tokens',
  'num_completion_tokens',
  'num_output_tokens',
  'training_co2_cost',
  'training_energy_cost',
  'inference_runtime',
  'batch_size',
  'max_prob',
  'logprob',
  'num_perplexity_tokens',
  'num_bytes',
  'finish_reason_length',
  'finish_reason_stop',
  'finish_reason_endoftext',
  'finish_reason_unknown',
  'num_train_instances',
  'prompt_truncated',
  'exact_match',
  'prefix_exact_match',
  'quasi_prefix_exact_match',
  'exact_match@5',
  'quasi_exact_match@5',
  'ece_10_bin',
  'predicted_index',
];

function entry(id: number, trial: number, perturbation: string | null): string {
  const pert = perturbation
    ? { name: perturbation, robustness: true, fairness: false, computed_on: 'perturbed' }
    : undefined;
  const value = (id * 7 + trial) % 3 === 0 ? 1 : 0;
  const stat = (name: string, v: number) => ({
    name: { name, split: 'valid', ...(pert ? { perturbation: pert } : {}) },
    count: 1,
    sum: v,
    sum_squared: v * v,
    min: v,
    max: v,
    mean: v,
    variance: 0.0,
    stddev: 0.0,
  });
  const stats = [...FILLER.map((name, k) => stat(name, k + 0.5)), stat('quasi_exact_match', value)];
  return JSON.stringify(
    { instance_id: `id${id}`, ...(pert ? { perturbation: pert } : {}), train_trial_index: trial, stats },
    null,
    2,
  );
}

export default async function (): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'helm-rank-bench-bi-'));
  const path = join(directory, 'per_instance_stats.json');
  try {
    const out = createWriteStream(path);
    out.write('[\n');
    let first = true;
    for (let trial = 0; trial < TRIALS; trial++) {
      for (let id = 0; id < INSTANCES; id++) {
        for (const perturbation of PERTURBATIONS) {
          if (!out.write(`${first ? '' : ',\n'}${entry(id, trial, perturbation)}`)) await once(out, 'drain');
          first = false;
        }
      }
    }
    out.end('\n]\n');
    await once(out, 'finish');
    const bytes = (await stat(path)).size;

    let peak = process.memoryUsage().rss;
    const before = peak;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const started = performance.now();
    const values = await readMainMetricFile(path, { metric: 'quasi_exact_match', split: 'valid' });
    const seconds = (performance.now() - started) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss);
    clearInterval(sampler);
    const kept = values.subSplits['']?.ids.length ?? 0;
    console.log(
      `file: ${(bytes / 1e6).toFixed(0)} MB, ${INSTANCES * TRIALS * PERTURBATIONS.length} entries; kept ${kept} values (trial 0, unperturbed)`,
    );
    console.log(
      `streaming read: ${seconds.toFixed(2)} s, ${(bytes / 1e6 / seconds).toFixed(0)} MB/s; RSS ${(before / 1e6).toFixed(0)} → peak ${(peak / 1e6).toFixed(0)} MB`,
    );

    const wholeStarted = performance.now();
    const parsed = JSON.parse(await readFile(path, 'utf8')) as unknown[];
    const wholeSeconds = (performance.now() - wholeStarted) / 1000;
    console.log(
      `for comparison, whole-file JSON.parse: ${wholeSeconds.toFixed(2)} s, ${parsed.length} entries, RSS now ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
    );
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
