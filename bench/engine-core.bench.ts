/**
 * Engine core speed (issue #3): eval sampling over a HellaSwag-sized scenario, prompt building with 5 shots and
 * the approximate token counter, and scoring a run's completed states with the basic metrics — the per-request
 * CPU cost the pipeline adds on top of the model.
 */
import type { Instance } from '../src-shared/helm/instance';
import type { RequestState } from '../src-shared/helm/request';
import { DEFAULT_ADAPTER_SPEC, type AdapterSpec } from '../src-shared/helm/run-spec';
import { createAdapterRegistry } from '../src-main/engine/adapters/index';
import { createMetricRegistry } from '../src-main/engine/metrics/index';
import { selectEvalInstances, sampleTrainExamples, withInstanceIds } from '../src-main/engine/sampling/index';
import { scoreRun } from '../src-main/engine/stats/score-run';
import { createApproximateTokenCounter } from '../src-main/engine/tokens/index';

function time<T>(label: string, count: number, unit: string, run: () => T): T {
  run(); // warm-up (JIT)
  const started = performance.now();
  const result = run();
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label}: ${(count / seconds).toFixed(0)} ${unit}/s (${(seconds * 1000).toFixed(1)} ms for ${count})`);
  return result;
}

export default async function (): Promise<void> {
  const sentence = 'A person walks the dog in the park and then sits down on a bench to read the paper. ';
  const instances = withInstanceIds(
    Array.from({ length: 49947 }, (_, i): Instance => ({
      input: { text: `${sentence.repeat(3)}#${i}` },
      references: ['stands up.', 'runs away.', 'falls asleep.', 'reads on.'].map((text, r) => ({
        output: { text },
        tags: r === i % 4 ? ['correct'] : [],
      })),
      split: i < 39905 ? 'train' : 'valid',
    })),
  );
  const selected = time('selectEvalInstances (10,042 pool, N = 1000)', 1, 'runs', () =>
    selectEvalInstances(instances, 1000),
  );
  const train = sampleTrainExamples(instances.slice(0, 39905), 5, 0);
  const spec: AdapterSpec = {
    ...DEFAULT_ADAPTER_SPEC,
    method: 'multiple_choice_joint',
    input_prefix: 'Question: ',
    output_prefix: 'Answer: ',
    max_tokens: 1,
    temperature: 0,
  };
  const adapter = createAdapterRegistry().get(spec.method);
  const tokenCounter = createApproximateTokenCounter(2048);
  const states = time('adapt (joint, 5 shots)', selected.length, 'requests', () =>
    adapter.adapt({ adapterSpec: spec, trainInstances: train, evalInstances: selected, trialIndex: 0, tokenCounter }),
  );
  const completed: RequestState[] = states.map((state, i) => ({
    ...state,
    result: {
      success: true,
      cached: false,
      request_time: 0.1,
      completions: [{ text: ` ${'ABCD'[i % 4]}`, logprob: -0.5, tokens: [{ text: ' A', logprob: -0.5 }] }],
    },
  }));
  const metricSpecs = [
    {
      class_name: 'helm.benchmark.metrics.basic_metrics.BasicMetric',
      args: { names: ['exact_match', 'quasi_exact_match', 'prefix_exact_match', 'quasi_prefix_exact_match'] },
    },
  ];
  time('scoreRun (BasicMetric, exact-match family)', completed.length, 'states', () =>
    scoreRun({
      adapterSpec: spec,
      metricSpecs,
      requestStates: completed,
      metrics: createMetricRegistry(),
      context: { tokenCounter },
    }),
  );
}
