import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLASSIC_SCHEMA } from '../../../src-shared/leaderboard/schema';
import { sharedData, sharedPath } from '../../../dev/testing/shared-data';
import type { LeaderboardIndex } from '../leaderboards/leaderboard-index';
import { benchmarkOutputBases, groupOfRunName, runFileUrls, selectBoardRuns } from './board-runs';
import { parseRunName } from '../../../src-shared/helm/run-name';

function releaseIndex(models: string[]): LeaderboardIndex {
  const columns = CLASSIC_SCHEMA.tables.accuracy ?? [];
  return {
    formatVersion: 1,
    name: 'v040',
    catalogueId: 'classic-v0.4.0',
    title: 't',
    project: 'classic',
    release: 'v0.4.0',
    kind: 'release-files',
    winRateRule: 'legacy',
    importedAt: '',
    models,
    displayNames: models.map(() => null),
    runs: [],
    warnings: [],
    tables: { accuracy: { columns: [...columns], values: models.map(() => columns.map(() => 0.5)), cells: null } },
  };
}

describe('groupOfRunName', () => {
  it('maps Classic and Lite run names to their run groups', () => {
    const group = (name: string) => groupOfRunName(parseRunName(name));
    expect(group('boolq:model=openai_davinci,data_augmentation=canonical')).toBe('boolq');
    expect(group('natural_qa:mode=closedbook,model=openai_davinci,data_augmentation=canonical')).toBe(
      'natural_qa_closedbook',
    );
    expect(group('natural_qa:mode=openbook_longans,model=openai_davinci')).toBe('natural_qa_openbook_longans');
    expect(group('natural_qa:mode=openbook_wiki,model=openai_davinci')).toBeNull();
    expect(group('commonsense:dataset=hellaswag,method=multiple_choice_separate_original,model=openai_davinci')).toBe(
      'hellaswag',
    );
    expect(
      group('commonsense:dataset=openbookqa,method=multiple_choice_separate_calibrated,model=openai_davinci'),
    ).toBe('openbookqa');
    expect(group('msmarco:track=trec,valid_topk=30,model=openai_davinci')).toBe('msmarco_trec');
    expect(group('summarization_xsum_sampled:temperature=0.3,device=cpu,model=openai_gpt2')).toBe('summarization_xsum');
    expect(group('math:subject=algebra,level=1,use_official_examples=False,use_chain_of_thought=True,model=x')).toBe(
      'math_chain_of_thought',
    );
    expect(group('wikifact:k=5,subject=author,model=openai_davinci')).toBeNull();
  });
});

describe('selectBoardRuns (release-file boards)', () => {
  const map = {
    'boolq:model=openai_davinci,data_augmentation=canonical': 'v0.3.0',
    'boolq:only_contrast=True,model=openai_davinci,data_augmentation=contrast_sets,groups=robustness_contrast_sets':
      'v0.3.0',
    'mmlu:subject=anatomy,method=multiple_choice_joint,model=openai_davinci,data_augmentation=canonical,groups=ablation_prompts':
      'v0.3.0',
    'mmlu:subject=econometrics,method=multiple_choice_joint,model=meta_llama-2-70b,data_augmentation=canonical':
      'v0.4.0',
    'summarization_cnndm:temperature=0.3,device=cpu,model=openai_davinci': 'v0.3.0',
    'wikifact:k=5,subject=author,model=openai_davinci': 'v0.3.0',
    'boolq:model=unknown_model,data_augmentation=canonical': 'v0.3.0',
  };
  it('keeps core, canonical, visible runs of the board’s models with their suites', () => {
    const refs = selectBoardRuns(releaseIndex(['openai/davinci', 'meta/llama-2-70b']), CLASSIC_SCHEMA, map);
    expect(refs.map((ref) => [ref.run.split(':')[0], ref.model, ref.suite, ref.column, ref.metric, ref.split])).toEqual(
      [
        ['boolq', 'openai/davinci', 'v0.3.0', 'boolq', 'quasi_exact_match', 'valid'],
        ['mmlu', 'meta/llama-2-70b', 'v0.4.0', 'mmlu', 'exact_match', 'test'],
        ['summarization_cnndm', 'openai/davinci', 'v0.3.0', 'summarization_cnndm', 'rouge_2', 'test'],
      ],
    );
    expect(
      selectBoardRuns(releaseIndex(['openai/davinci', 'meta/llama-2-70b']), CLASSIC_SCHEMA, map, {
        models: ['meta/llama-2-70b'],
      }),
    ).toHaveLength(1);
    expect(selectBoardRuns(releaseIndex(['openai/davinci']), CLASSIC_SCHEMA, map, { columns: ['boolq'] })).toHaveLength(
      1,
    );
  });

  describe.skipIf(!sharedData)('on the real Classic run → suite map', () => {
    it('finds every core run of text-davinci-002 with the cell counts HELM publishes', () => {
      const real = JSON.parse(readFileSync(sharedPath('helm-examples', 'runs_to_runsuites.json'), 'utf8')) as Record<
        string,
        string
      >;
      const refs = selectBoardRuns(releaseIndex(['openai/text-davinci-002']), CLASSIC_SCHEMA, real);
      const perColumn = new Map<string, number>();
      for (const ref of refs) perColumn.set(ref.column, (perColumn.get(ref.column) ?? 0) + 1);
      // The published counts are runs × trials (3): MMLU (15), RAFT (33), CivilComments (54 = 9 runs × 2 sub-splits × 3).
      expect(perColumn.get('mmlu')).toBe(5);
      expect(perColumn.get('raft')).toBe(11);
      expect(perColumn.get('civil_comments')).toBe(9);
      expect(perColumn.get('boolq')).toBe(1);
      expect(perColumn.size).toBe(16);
    });
  });
});

describe('run file URLs', () => {
  it('encodes each path component as HELM’s frontend does', () => {
    const [url] = runFileUrls(
      ['https://storage.googleapis.com/crfm-helm-public/benchmark_output/'],
      'v0.3.0',
      'boolq:model=openai_davinci,data_augmentation=canonical',
      'per_instance_stats.json',
    );
    expect(url).toBe(
      'https://storage.googleapis.com/crfm-helm-public/benchmark_output/runs/v0.3.0/boolq%3Amodel%3Dopenai_davinci%2Cdata_augmentation%3Dcanonical/per_instance_stats.json',
    );
  });

  it('derives the bucket folder from the source URL, then the project’s known prefixes', () => {
    expect(
      benchmarkOutputBases(
        'lite',
        'https://storage.googleapis.com/crfm-helm-public/lite/benchmark_output/releases/v1.0.0/groups/core_scenarios.json',
      ),
    ).toEqual(['https://storage.googleapis.com/crfm-helm-public/lite/benchmark_output/']);
    expect(benchmarkOutputBases('classic', '/tmp/run_stats.zip')).toEqual([
      'https://storage.googleapis.com/crfm-helm-public/benchmark_output/',
      'https://storage.googleapis.com/crfm-helm-public/classic/benchmark_output/',
    ]);
  });
});
