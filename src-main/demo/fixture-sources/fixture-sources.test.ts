import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Instance } from '../../../src-shared/helm/instance';
import { createBoolqScenario } from '../../engine/scenarios/boolq';
import { CIVIL_COMMENTS_DEMOGRAPHICS, createCivilCommentsScenario } from '../../engine/scenarios/civil-comments';
import { createCommonsenseScenario } from '../../engine/scenarios/commonsense';
import { createImdbScenario } from '../../engine/scenarios/imdb';
import { createMmluScenario, MMLU_CORE_SUBJECTS } from '../../engine/scenarios/mmlu';
import { createMsmarcoScenario } from '../../engine/scenarios/msmarco';
import { createNarrativeQaScenario } from '../../engine/scenarios/narrative-qa';
import { createNaturalQaScenario } from '../../engine/scenarios/natural-qa';
import { createQuacScenario } from '../../engine/scenarios/quac';
import { createRaftScenario } from '../../engine/scenarios/raft';
import { RAFT_SUBSETS } from '../../engine/scenarios/raft-prompt-settings';
import { createSummarizationScenario } from '../../engine/scenarios/summarization';
import { createTruthfulQaScenario } from '../../engine/scenarios/truthful-qa';
import type { DatasetFetcher, ScenarioFactory } from '../../engine/types';
import { createGsmScenario } from '../../engine/scenarios/gsm';
import { createLegalbenchScenario } from '../../engine/scenarios/legalbench';
import { LEGALBENCH_SUBSETS } from '../../engine/scenarios/legalbench-settings';
import { createMathScenario, MATH_SUBJECTS } from '../../engine/scenarios/math';
import { createMedQaScenario } from '../../engine/scenarios/med-qa';
import { createWmt14Scenario } from '../../engine/scenarios/wmt14';
import { fixtureFiles, mirrorFilePath, serveMirrorDirectory, writeFixtureMirror } from './index';
import { WMT14_PAIRS } from './lite';

/** A fetcher that reads the mirror directory, as the downloader does with a file mirror. */
function mirrorFetcher(dir: string, requested: string[]): DatasetFetcher {
  return {
    async fetch(url: string): Promise<string> {
      requested.push(url);
      const path = mirrorFilePath(dir, url);
      await readFile(path); // fails like a 404 when absent
      return path;
    },
  };
}

type Case = readonly [string, ScenarioFactory, Readonly<Record<string, unknown>>];

const CASES: readonly Case[] = [
  ['boolq', createBoolqScenario, {}],
  ['boolq only_contrast', createBoolqScenario, { only_contrast: true }],
  ['hellaswag', createCommonsenseScenario, { dataset: 'hellaswag' }],
  ['openbookqa', createCommonsenseScenario, { dataset: 'openbookqa' }],
  ['truthful_qa', createTruthfulQaScenario, { task: 'mc_single' }],
  ['imdb', createImdbScenario, {}],
  ...MMLU_CORE_SUBJECTS.map((subject): Case => [`mmlu ${subject}`, createMmluScenario, { subject }]),
  ...RAFT_SUBSETS.map((subset): Case => [`raft ${subset}`, createRaftScenario, { subset }]),
  ...CIVIL_COMMENTS_DEMOGRAPHICS.map((demographic): Case => [
    `civil_comments ${demographic}`,
    createCivilCommentsScenario,
    { demographic },
  ]),
  ['narrative_qa', createNarrativeQaScenario, {}],
  ['natural_qa closedbook', createNaturalQaScenario, { mode: 'closedbook' }],
  ['natural_qa openbook_longans', createNaturalQaScenario, { mode: 'openbook_longans' }],
  ['quac', createQuacScenario, {}],
  ['msmarco regular', createMsmarcoScenario, { track: 'regular', valid_topk: 30 }],
  ['msmarco trec', createMsmarcoScenario, { track: 'trec', valid_topk: 30 }],
  [
    'cnn-dm',
    createSummarizationScenario,
    { dataset_name: 'cnn-dm', sampling_min_length: 50, sampling_max_length: 150, doc_max_length: 512 },
  ],
  [
    'xsum-sampled',
    createSummarizationScenario,
    { dataset_name: 'xsum-sampled', sampling_min_length: 50, sampling_max_length: 150, doc_max_length: 512 },
  ],
  // HELM Lite's own scenarios.
  ['gsm', createGsmScenario, {}],
  ...Object.keys(MATH_SUBJECTS).map((subject): Case => [
    `math ${subject}`,
    createMathScenario,
    { subject, level: '1', use_official_examples: false, use_chain_of_thought: true },
  ]),
  ...LEGALBENCH_SUBSETS.map((subset): Case => [`legalbench ${subset}`, createLegalbenchScenario, { subset }]),
  ['med_qa', createMedQaScenario, {}],
  ...WMT14_PAIRS.map((language): Case => [
    `wmt_14 ${language}-en`,
    createWmt14Scenario,
    { source_language: language, target_language: 'en' },
  ]),
];

const count = (instances: readonly Instance[], splits: readonly string[]): number =>
  instances.filter((instance) => splits.includes(instance.split ?? '')).length;

describe('fixture sources', () => {
  let dir = '';
  const requested: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'helm-rank-fixture-mirror-'));
    await writeFixtureMirror(dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(CASES)(
    '%s: the scenario parses the fixture into ≥ 5 train and ≥ 10 evaluation instances',
    async (_label, factory, args) => {
      const scenario = factory(args);
      const outputDir = await mkdtemp(join(dir, '..', 'helm-rank-scenario-out-'));
      try {
        const instances = await scenario.getInstances({ outputDir, fetcher: mirrorFetcher(dir, requested) });
        expect(count(instances, ['train'])).toBeGreaterThanOrEqual(5);
        // boolq only_contrast keeps the 4 dev questions that have contrast questions.
        expect(count(instances, ['valid', 'test'])).toBeGreaterThanOrEqual(args.only_contrast ? 4 : 10);
        for (const instance of instances) {
          expect(instance.input.text.length).toBeGreaterThan(0);
          expect(instance.references.some((reference) => reference.tags.includes('correct'))).toBe(true);
        }
      } finally {
        await rm(outputDir, { recursive: true, force: true });
      }
    },
  );

  it('the contrast rule moves the IMDB train review that is a contrast original to valid', async () => {
    const instances = await createImdbScenario({}).getInstances({ outputDir: dir, fetcher: mirrorFetcher(dir, []) });
    expect(count(instances, ['train'])).toBe(11);
    expect(count(instances, ['valid'])).toBe(17);
  });

  it('NaturalQuestions skips examples without a short answer and slices the answer by UTF-8 bytes', async () => {
    const outputDir = await mkdtemp(join(dir, '..', 'helm-rank-nq-'));
    try {
      const instances = await createNaturalQaScenario({ mode: 'openbook_longans' }).getInstances({
        outputDir,
        fetcher: mirrorFetcher(dir, []),
      });
      expect(instances).toHaveLength(30);
      const first = instances[0];
      const answer = first?.references[0]?.output.text ?? '';
      expect(answer).toMatch(/^the \w+ \w+$/);
      expect(first?.input.text).toContain(`found ${answer} & `);
    } finally {
      await rm(outputDir, { recursive: true, force: true });
    }
  });

  it.each(['regular', 'trec'])(
    'MS MARCO %s: every query has 30 passages and a gold one; train queries have a gold and a wrong passage',
    async (track) => {
      const outputDir = await mkdtemp(join(dir, '..', 'helm-rank-msmarco-'));
      try {
        const instances = await createMsmarcoScenario({ track, valid_topk: 30 }).getInstances({
          outputDir,
          fetcher: mirrorFetcher(dir, []),
        });
        const valid = instances.filter((instance) => instance.split === 'valid');
        expect(valid).toHaveLength(12);
        for (const instance of valid) {
          expect(instance.references).toHaveLength(30);
          expect(
            instance.references.filter((reference) => reference.tags.includes('correct')).length,
          ).toBeGreaterThanOrEqual(1);
        }
        const train = instances.filter((instance) => instance.split === 'train');
        expect(train).toHaveLength(6);
        for (const instance of train)
          expect(instance.references.map((reference) => reference.tags.includes('correct')).sort()).toEqual([
            false,
            true,
          ]);
      } finally {
        await rm(outputDir, { recursive: true, force: true });
      }
    },
  );

  it('summarization drops the train document below sampling_min_length', async () => {
    const args = { dataset_name: 'cnn-dm', sampling_min_length: 50, sampling_max_length: 150, doc_max_length: 512 };
    const instances = await createSummarizationScenario(args).getInstances({
      outputDir: dir,
      fetcher: mirrorFetcher(dir, []),
    });
    expect(count(instances, ['train'])).toBe(8);
    expect(count(instances, ['valid', 'test'])).toBe(16);
  });

  it('every file written is read by some scenario, and the bytes are deterministic', async () => {
    const urls = (await fixtureFiles()).map((file) => file.url);
    // The full xsum pickle serves `summarization_xsum` runs (the core entries read xsum-sampled); HELM v0.3.0
    // downloads the unlabelled HellaSwag test file but never reads it, and neither do we.
    const unread = urls.filter((url) => !requested.includes(url));
    expect(unread.map((url) => url.split('/').pop())).toEqual(['hellaswag_test.jsonl', 'xsum.pk']);
    const [a, b] = await Promise.all([fixtureFiles(['mmlu', 'imdb']), fixtureFiles(['mmlu', 'imdb'])]);
    expect(a.map((file) => file.data.equals(b[a.indexOf(file)]?.data ?? Buffer.alloc(0)))).toEqual(a.map(() => true));
  });

  it('serves the mirror on loopback, with the directory-style IMDB URL at its trailing slash', async () => {
    const server = await serveMirrorDirectory(dir);
    try {
      const response = await fetch(
        `${server.baseUrl}/worksheets.codalab.org/rest/bundles/0xa75fa6eb8dc24e23a73d3a5ecb674b32/contents/blob/`,
      );
      expect(response.status).toBe(200);
      expect(Object.keys((await response.json()) as object)).toEqual(['train', 'valid']);
      const tar = await fetch(`${server.baseUrl}/people.eecs.berkeley.edu/~hendrycks/data.tar`);
      expect(tar.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
