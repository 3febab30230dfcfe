/**
 * Eval-instance selection as HELM's runner does it (`Adapter.get_run_instances`, v0.3.0; `runner.py`
 * `downsample_eval_instances` at v0.4.0/HEAD): pool the eval splits in scenario order; when a maximum is set
 * and the pool is larger, take numpy `RandomState(0).choice(pool, N, replace=False)` (the first N of one
 * permutation, so smaller samples are prefixes of larger ones); otherwise the whole pool, unpermuted.
 */
import { EVAL_SPLITS, type Instance } from '../../../src-shared/helm/instance';
import { NumpyRandomState } from '../rng/numpy-random-state';

/** HELM seeds eval sampling with 0 (`np.random.RandomState(0)` in `runner.py`). */
const EVAL_SAMPLING_SEED = 0;

/**
 * Returns the selected eval instances in sampled order (the order HELM issues their requests).
 * `maxEvalInstances` null/undefined means every pooled instance.
 */
export function selectEvalInstances(
  instances: readonly Instance[],
  maxEvalInstances: number | null | undefined,
  evalSplits: readonly string[] = EVAL_SPLITS,
): Instance[] {
  const pool = instances.filter((instance) => instance.split !== undefined && evalSplits.includes(instance.split));
  if (maxEvalInstances === null || maxEvalInstances === undefined || pool.length <= maxEvalInstances) return pool;
  const indices = new NumpyRandomState(EVAL_SAMPLING_SEED).choiceWithoutReplacement(pool.length, maxEvalInstances);
  return indices.map((index) => pool[index] as Instance);
}
