/**
 * The engine's composition root: the real run entries, scenarios, adapters, metrics, token counter and
 * downloader, wired into the runner's {@link EngineComponents}.
 */
import { join } from 'node:path';
import type { Endpoint } from '../../../src-shared/engine/job';
import type { RunSpec } from '../../../src-shared/helm/run-spec';
import { runScenario } from '../../../src-shared/helm/run-name';
import { createAdapterRegistry } from '../adapters/index';
import { createRankingBinaryAdapter } from '../adapters/ranking-binary';
import { createDatasetFetcher } from '../download/dataset-fetcher';
import { createMetricRegistry } from '../metrics/index';
import { createBoardFamilyRegistry, runSpecRegistryOf } from '../families/index';
import { buildRunSpecsForEntries } from '../run-specs/build-run-spec';

import { createScenarioRegistry } from '../scenarios/index';
import { scoreRun } from '../stats/score-run';
import { createApproximateTokenCounter } from '../tokens/approximate-token-counter';
import type { TokenCounter } from '../types';
import type { EngineComponents } from './components';
import { DEFAULT_CONTEXT_WINDOW, chooseTokenCounter } from './endpoint-token-counter';

export { DEFAULT_CONTEXT_WINDOW } from './endpoint-token-counter';

function functionName(description: string): string {
  return description.split(':')[0] ?? description;
}

export function createDefaultComponents(): EngineComponents {
  const families = createBoardFamilyRegistry();
  const metrics = createMetricRegistry();
  const counters = new Map<number, ReturnType<typeof createApproximateTokenCounter>>();
  // The counter chosen by `prepareTokenCounter`, per endpoint (the server's tokenizer when it has one).
  const prepared = new Map<string, TokenCounter>();
  const endpointKey = (endpoint: Endpoint) =>
    JSON.stringify([endpoint.baseUrl, endpoint.apiModel ?? endpoint.model, endpoint.contextWindow ?? null]);
  const tokenCounter = (_runSpec: RunSpec, endpoint: Endpoint) => {
    const chosen = prepared.get(endpointKey(endpoint));
    if (chosen) return chosen;
    const window = endpoint.contextWindow ?? DEFAULT_CONTEXT_WINDOW;
    let counter = counters.get(window);
    if (!counter) counters.set(window, (counter = createApproximateTokenCounter(window)));
    return counter;
  };
  return {
    buildRunSpecs(query) {
      const family = families.get(query.board ?? 'classic');
      const runSpecFunctions = runSpecRegistryOf(family);
      const entries = family.entries(query.examplesPerScenario);
      const unsupported = new Set<string>();
      const supported = entries.filter((entry) => {
        const ok = runSpecFunctions.has(functionName(entry.description));
        if (!ok) unsupported.add(functionName(entry.description));
        return ok;
      });
      if (unsupported.size > 0)
        query.onLog?.(`Not run (scenario not available in this build): ${[...unsupported].join(', ')}.`);
      const specs = buildRunSpecsForEntries(
        supported,
        { name: query.model, instructionFollowing: query.instructionFollowing ?? false },
        { registry: runSpecFunctions, ...family.buildOptions(query.examplesPerScenario) },
      );
      const wanted = query.scenarios;
      if (!wanted || wanted.length === 0) return specs;
      return specs.filter((spec) =>
        wanted.some((name) => spec.groups.includes(name) || runScenario(spec.name) === name),
      );
    },
    scenarios: createScenarioRegistry(),
    adapters: createAdapterRegistry([createRankingBinaryAdapter()]),
    tokenCounter,
    async prepareTokenCounter(endpoint) {
      const { counter, info } = await chooseTokenCounter(endpoint);
      prepared.set(endpointKey(endpoint), counter);
      return info;
    },
    score: (runSpec, states, counter) =>
      scoreRun({
        adapterSpec: runSpec.adapter_spec,
        metricSpecs: runSpec.metric_specs,
        requestStates: states,
        metrics,
        context: { tokenCounter: counter },
      }),
    createFetcher: ({ dataDir, mirror }) =>
      createDatasetFetcher({ downloadsDir: join(dataDir, 'downloads'), mirror: mirror ?? null }),
  };
}
