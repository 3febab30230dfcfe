import { describe, expect, it } from 'vitest';
import { buildRunSpecsForEntries } from '../run-specs/build-run-spec';
import { runEntriesFor } from '../run-specs/efficient-entries';
import { createScenarioRegistry } from './index';

const MINE = /^(boolq|mmlu|commonsense|truthful_qa|imdb|civil_comments|raft):/;

describe('scenario registry', () => {
  it('creates the scenario of every efficient run spec of the 8 scenarios from its scenario_spec', () => {
    const registry = createScenarioRegistry();
    const specs = buildRunSpecsForEntries(
      runEntriesFor(10).filter((e) => MINE.test(e.description)),
      { name: 'acme/model' },
    );
    const names = specs.map((spec) => registry.get(spec.scenario_spec.class_name)(spec.scenario_spec.args).name);
    expect(new Set(names)).toEqual(
      new Set(['boolq', 'hellaswag', 'openbookqa', 'truthful_qa', 'mmlu', 'imdb', 'raft', 'civil_comments']),
    );
  });

  it('also knows the HEAD class names of HellaSwag and OpenbookQA', () => {
    const registry = createScenarioRegistry();
    expect(registry.get('helm.benchmark.scenarios.commonsense_scenario.HellaSwagScenario')({}).name).toBe('hellaswag');
    expect(registry.get('helm.benchmark.scenarios.commonsense_scenario.OpenBookQA')({}).name).toBe('openbookqa');
    expect(() => registry.get('helm.benchmark.scenarios.nope.Nope')).toThrow(/Known:/);
  });
});
