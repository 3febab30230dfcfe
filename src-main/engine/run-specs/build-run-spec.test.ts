import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { sharedData, sharedPath } from '../../../dev/testing/shared-data';
import { buildRunSpec, buildRunSpecs, buildRunSpecsForEntries, runNamesFor } from './build-run-spec';
import { runEntriesFor } from './efficient-entries';
import { RAFT_INSTRUCTIONS } from '../scenarios/raft-prompt-settings';

const gpt2 = { name: 'openai/gpt2' };

describe('buildRunSpec', () => {
  it('builds the efficient BoolQ run as HELM names and configures it', () => {
    const spec = buildRunSpec('boolq:model=text,max_eval_instances=10', gpt2);
    expect(spec.name).toBe('boolq:model=openai_gpt2,max_eval_instances=10');
    expect(spec.scenario_spec).toEqual({
      class_name: 'helm.benchmark.scenarios.boolq_scenario.BoolQScenario',
      args: { only_contrast: false },
    });
    expect(spec.adapter_spec).toMatchObject({
      method: 'generation',
      instructions: '',
      input_prefix: 'Passage: ',
      input_suffix: '\n',
      output_prefix: 'Answer: ',
      output_suffix: '\n',
      instance_prefix: '\n',
      max_train_instances: 5,
      max_eval_instances: 10,
      num_outputs: 1,
      num_train_trials: 1,
      temperature: 0,
      max_tokens: 5,
      stop_sequences: ['\n'],
      model: 'openai/gpt2',
      model_deployment: 'openai/gpt2',
    });
    expect(spec.adapter_spec).not.toHaveProperty('random');
    expect(spec.metric_specs.map((m) => m.class_name)).toEqual([
      'helm.benchmark.metrics.basic_metrics.BasicMetric',
      ...Array(6).fill('helm.benchmark.metrics.bias_metrics.BiasMetric'),
    ]);
    expect(spec.groups).toEqual(['boolq']);
  });

  it('names every efficient entry of the 8 scenarios with the run-spec base name, then expanders in order', () => {
    const mine = runEntriesFor(10).filter((e) =>
      /^(boolq|mmlu|commonsense|truthful_qa|imdb|civil_comments|raft):/.test(e.description),
    );
    expect(mine).toHaveLength(30);
    const names = buildRunSpecsForEntries(mine, { name: 'acme/my-model' }).map((s) => s.name);
    expect(names).toContain(
      'commonsense:dataset=hellaswag,method=multiple_choice_separate_original,model=acme_my-model,max_eval_instances=10',
    );
    expect(names).toContain(
      'truthful_qa:task=mc_single,method=multiple_choice_joint,model=acme_my-model,max_eval_instances=10',
    );
    expect(names).toContain(
      'mmlu:subject=econometrics,method=multiple_choice_joint,model=acme_my-model,max_eval_instances=2',
    );
    expect(names).toContain('raft:subset=banking_77,model=acme_my-model,max_eval_instances=1');
    expect(names).toContain('civil_comments:demographic=LGBTQ,model=acme_my-model,max_eval_instances=1');
  });

  it('names all 38 efficient entries at N=10 as HELM would (docs/helm-fidelity.md §3.1 table, §4 naming)', () => {
    const m = 'model=myorg_mymodel';
    const raft = (subset: string, n: number): string => `raft:subset=${subset},${m},max_eval_instances=${n}`;
    const civil = (demographic: string, n: number): string =>
      `civil_comments:demographic=${demographic},${m},max_eval_instances=${n}`;
    const mmlu = (subject: string): string =>
      `mmlu:subject=${subject},method=multiple_choice_joint,${m},max_eval_instances=2`;
    const expected = [
      `boolq:${m},max_eval_instances=10`,
      `narrative_qa:${m},max_eval_instances=10`,
      `quac:${m},max_eval_instances=10`,
      `natural_qa:mode=openbook_longans,${m},max_eval_instances=10`,
      `natural_qa:mode=closedbook,${m},max_eval_instances=10`,
      `commonsense:dataset=hellaswag,method=multiple_choice_separate_original,${m},max_eval_instances=10`,
      `commonsense:dataset=openbookqa,method=multiple_choice_separate_calibrated,${m},max_eval_instances=10`,
      `truthful_qa:task=mc_single,method=multiple_choice_joint,${m},max_eval_instances=10`,
      ...['abstract_algebra', 'college_chemistry', 'computer_security', 'econometrics', 'us_foreign_policy'].map(mmlu),
      `msmarco:track=regular,valid_topk=30,${m},max_eval_instances=10`,
      `msmarco:track=trec,valid_topk=30,${m},max_eval_instances=10`,
      `summarization_cnndm:temperature=0.3,device=cpu,${m},max_eval_instances=10`,
      // v0.3.0/v0.4.0 name the sampled XSUM function's runs `summarization_xsum` (docs/helm-fidelity.md §4).
      `summarization_xsum:temperature=0.3,device=cpu,${m},max_eval_instances=10`,
      `imdb:${m},max_eval_instances=10`,
      ...[
        'ade_corpus_v2',
        'banking_77',
        'neurips_impact_statement_risks',
        'one_stop_english',
        'overruling',
        'semiconductor_org_types',
        'tweet_eval_hate',
        'twitter_complaints',
        'systematic_review_inclusion',
        'tai_safety_research',
        'terms_of_service',
      ].map((s) => raft(s, 1)),
      ...['all', 'male', 'female', 'LGBTQ', 'christian', 'muslim', 'other_religions', 'black'].map((d) => civil(d, 1)),
      civil('white', 2),
    ];
    expect(buildRunSpecsForEntries(runEntriesFor(10), { name: 'myorg/mymodel' }).map((s) => s.name)).toEqual(expected);
  });

  it('sets the separate methods with no train instances and forces one trial, as run.py does', () => {
    const spec = buildRunSpec(
      'commonsense:model=full_functionality_text,dataset=openbookqa,method=multiple_choice_separate_calibrated,max_eval_instances=10',
      gpt2,
      { numTrainTrials: 3 },
    );
    expect(spec.adapter_spec).toMatchObject({
      method: 'multiple_choice_separate_calibrated',
      instructions: '',
      input_prefix: '',
      output_prefix: ' ',
      output_suffix: '',
      max_train_instances: 0,
      num_outputs: 1,
      max_tokens: 0,
      num_train_trials: 1,
    });
    expect(spec.groups).toEqual(['openbookqa']);
    expect(buildRunSpec('boolq:model=text', gpt2, { numTrainTrials: 3 }).adapter_spec.num_train_trials).toBe(3);
  });

  it('builds RAFT with its instructions, no input noun, Label and 30 tokens', () => {
    const spec = buildRunSpec('raft:subset=overruling,model=text,max_eval_instances=9', gpt2);
    expect(spec.adapter_spec).toMatchObject({
      instructions: `${RAFT_INSTRUCTIONS.overruling}\n`,
      input_prefix: '',
      output_prefix: 'Label: ',
      max_tokens: 30,
    });
    expect(spec.metric_specs.at(-1)).toEqual({
      class_name: 'helm.benchmark.metrics.classification_metrics.ClassificationMetric',
      args: { delimiter: null },
    });
  });

  it('applies --max-eval-instances only when the description has none, and appends entry groups sorted', () => {
    expect(
      buildRunSpec('imdb:model=text,max_eval_instances=10', gpt2, { maxEvalInstances: 99 }).adapter_spec
        .max_eval_instances,
    ).toBe(10);
    const spec = buildRunSpec('imdb:model=text', gpt2, { maxEvalInstances: 99, groups: ['zeta', 'alpha'] });
    expect(spec.adapter_spec.max_eval_instances).toBe(99);
    expect(spec.name).toBe('imdb:model=openai_gpt2,groups=alpha-zeta');
    expect(spec.groups).toEqual(['imdb', 'zeta', 'alpha']);
  });

  it('uses ":" before the first expander when the base name has none, and peels expanders in description order', () => {
    expect(buildRunSpec('imdb:max_eval_instances=5,model=text', gpt2).name).toBe(
      'imdb:max_eval_instances=5,model=openai_gpt2',
    );
    expect(buildRunSpec('boolq:only_contrast=True,model=text', gpt2).name).toBe(
      'boolq:only_contrast=True,model=openai_gpt2',
    );
    expect(
      buildRunSpecs('mmlu:subject=anatomy,model=text,max_train_instances=all', gpt2).map(
        (s) => s.adapter_spec.max_train_instances,
      ),
    ).toEqual([0, 1, 2, 4, 8, 16]);
    expect(buildRunSpec('boolq:model=text,stop=hash', gpt2).adapter_spec).toMatchObject({
      instance_prefix: '###\n\n',
      stop_sequences: ['###'],
    });
  });

  it('rejects unknown functions, bad args and unsupported expanders with clear errors', () => {
    expect(() => buildRunSpec('nope:model=text', gpt2)).toThrow(/Known:/);
    expect(() => buildRunSpec('boolq:model=text,subject=x', gpt2)).toThrow(/unexpected argument 'subject'/);
    expect(() => buildRunSpec('mmlu:model=text', gpt2)).toThrow(/missing the argument 'subject'/);
    expect(() => buildRunSpec('boolq:model=text,data_augmentation=canonical', gpt2)).toThrow(/data_augmentation/);
    expect(() => buildRunSpec('raft:subset=nope,model=text', gpt2)).toThrow(/RAFT subset/);
  });
});

describe.skipIf(!sharedData)('run specs vs real HELM outputs', () => {
  const readRunSpec = async (dir: string): Promise<Record<string, unknown>> =>
    JSON.parse(
      await readFile(sharedPath('every_eval_ever', 'tests_data_helm', dir, 'run_spec.json'), 'utf8'),
    ) as Record<string, unknown>;
  // Fields HEAD added after v0.4.0 (docs/helm-fidelity.md §2 "Version drift"); everything else must be equal.
  const HEAD_ONLY = ['chain_of_thought_prefix', 'chain_of_thought_suffix', 'num_trials'];
  const withoutHeadOnly = (adapter: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(Object.entries(adapter).filter(([k]) => !HEAD_ONLY.includes(k)));

  it('matches the MMLU philosophy run_spec.json (name, scenario, adapter spec)', async () => {
    const real = await readRunSpec('mmlu-subject=philosophy,method=multiple_choice_joint,model=openai_gpt2');
    const spec = buildRunSpec(
      'mmlu:subject=philosophy,method=multiple_choice_joint,model=text',
      { name: 'openai/gpt2', deployment: 'huggingface/gpt2' },
      { maxEvalInstances: 10 },
    );
    expect(spec.name).toBe(real.name);
    expect(spec.scenario_spec).toEqual(real.scenario_spec);
    expect(spec.adapter_spec).toEqual(withoutHeadOnly(real.adapter_spec as Record<string, unknown>));
    expect(spec.groups).toEqual(real.groups);
  });

  it('matches the HellaSwag joint run_spec.json adapter spec (HEAD scenario class differs by design)', async () => {
    const real = await readRunSpec(
      'commonsense-dataset=hellaswag,method=multiple_choice_joint,model=eleutherai_pythia-1b-v0',
    );
    const spec = buildRunSpec(
      'commonsense:dataset=hellaswag,method=multiple_choice_joint,model=text',
      { name: 'eleutherai/pythia-1b-v0', deployment: 'huggingface/pythia-1b-v0' },
      { maxEvalInstances: 10 },
    );
    expect(spec.name).toBe(real.name);
    expect(spec.adapter_spec).toEqual(withoutHeadOnly(real.adapter_spec as Record<string, unknown>));
    expect(spec.groups).toEqual(real.groups);
  });

  it('reproduces the Classic v0.3.0 run names of every core entry of the 8 scenarios for every model', async () => {
    const published = new Set(
      Object.keys(
        JSON.parse(await readFile(sharedPath('helm-examples', 'runs_to_runsuites.json'), 'utf8')) as Record<
          string,
          string
        >,
      ),
    );
    const models = new Set<string>();
    for (const name of published) {
      const match = /^boolq:model=([^,]+),data_augmentation=canonical$/.exec(name);
      // Sanitized names lost their '/', but putting one back anywhere gives the same sanitized name.
      if (match?.[1]) models.add(match[1].replace('_', '/'));
    }
    expect(models.size).toBeGreaterThan(30);
    const descriptions = runEntriesFor(10)
      .map((e) => e.description.replace(/,max_eval_instances=\d+$/, ',data_augmentation=canonical'))
      .filter((d) => /^(boolq|mmlu|commonsense|truthful_qa|imdb|civil_comments|raft):/.test(d));
    const missing = new Map<string, number>();
    for (const model of models) {
      for (const description of descriptions) {
        const [name] = runNamesFor(description, { name: model });
        if (name === undefined || !published.has(name)) missing.set(description, (missing.get(description) ?? 0) + 1);
      }
    }
    // Every model has every entry under exactly our name, except HellaSwag and OpenbookQA, which models
    // benchmarked after v0.2.3 (run_specs_lite.conf) never ran (docs/helm-fidelity.md §3.3).
    expect([...missing.keys()].every((d) => /dataset=(hellaswag|openbookqa)/.test(d))).toBe(true);
    for (const count of missing.values()) expect(count).toBeLessThan(models.size / 2);
    expect(
      runNamesFor(
        'boolq:only_contrast=True,model=text,data_augmentation=contrast_sets',
        { name: 'openai/davinci' },
        { groups: ['robustness_contrast_sets'] },
      ),
    ).toEqual([
      'boolq:only_contrast=True,model=openai_davinci,data_augmentation=contrast_sets,groups=robustness_contrast_sets',
    ]);
  });
});
