/**
 * HELM's `InstancesPerSplitMetric` (`metrics/basic_metrics.py`, HEAD): per context (split, sub-split,
 * perturbation) and trial, the number of distinct eval instances; `stats.json` holds its mean over trials.
 */
import type { HelmMetric } from './helm-metric';
import { statOf } from './stat-values';

export function createInstancesPerSplitMetric(): HelmMetric {
  return {
    name: 'InstancesPerSplitMetric',
    evaluateInstance: () => [],
    evaluateInstances(_spec, requestStates) {
      const ids = new Set(requestStates.map((state) => state.instance.id ?? JSON.stringify(state.instance)));
      return [statOf('num_instances', ids.size)];
    },
  };
}
