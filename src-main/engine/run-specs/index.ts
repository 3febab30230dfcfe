/**
 * The run-spec function registry, keyed by the name a run-entry description starts with (`boolq`, `mmlu`, …).
 * To add scenarios, add rows to {@link RUN_SPEC_FUNCTIONS}.
 */
import { Registry } from '../registry';
import {
  boolqRunSpec,
  civilCommentsRunSpec,
  commonsenseRunSpec,
  imdbRunSpec,
  mmluRunSpec,
  raftRunSpec,
  truthfulQaRunSpec,
} from './classic-core';
import { msmarcoRunSpec } from './msmarco';
import { narrativeQaRunSpec } from './narrative-qa';
import { naturalQaRunSpec } from './natural-qa';
import { quacRunSpec } from './quac';
import type { RunSpecFunction } from './run-spec-function';
import { summarizationCnndmRunSpec, summarizationXsumSampledRunSpec } from './summarization';

/** `[run-spec function name, function]` rows. */
export const RUN_SPEC_FUNCTIONS: readonly (readonly [string, RunSpecFunction])[] = [
  ['boolq', boolqRunSpec],
  ['mmlu', mmluRunSpec],
  ['commonsense', commonsenseRunSpec],
  ['truthful_qa', truthfulQaRunSpec],
  ['imdb', imdbRunSpec],
  ['civil_comments', civilCommentsRunSpec],
  ['raft', raftRunSpec],
  ['narrative_qa', narrativeQaRunSpec],
  ['natural_qa', naturalQaRunSpec],
  ['quac', quacRunSpec],
  ['msmarco', msmarcoRunSpec],
  ['summarization_cnndm', summarizationCnndmRunSpec],
  ['summarization_xsum_sampled', summarizationXsumSampledRunSpec],
];

export function createRunSpecFunctionRegistry(): Registry<RunSpecFunction> {
  const registry = new Registry<RunSpecFunction>('run-spec function');
  for (const [name, fn] of RUN_SPEC_FUNCTIONS) registry.register(name, fn);
  return registry;
}
