import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/errors';
import { buildZip } from '../../demo/zip-writer';
import { sharedData, sharedPath } from '../../../dev/testing/shared-data';
import type { Instance } from '../../../src-shared/helm/instance';
import { createGenerationAdapter } from '../adapters/generation';
import { narrativeQaRunSpec } from '../run-specs/narrative-qa';
import type { DatasetFetcher, ScenarioContext } from '../types';
import { csvRecords } from '../formats/csv';
import { NARRATIVE_QA_URL, narrativeQaInputText, NarrativeQaScenario } from './narrative-qa';

// Source format: deepmind/narrativeqa `qaps.csv` and `third_party/wikipedia/summaries.csv` (CRLF, quoted fields).
const SUMMARIES =
  'document_id,set,summary,summary_tokenized\r\n' +
  'd1,train," Summary one.\r\nSecond line. ",x\r\n' +
  'd2,valid,Summary two.,x\r\n' +
  'd3,test,Summary three.,x\r\n' +
  'd4,test,Summary four.,x\r\n';
const QAPS =
  'document_id,set,question,answer1,answer2,question_tokenized,answer1_tokenized,answer2_tokenized\r\n' +
  'd1,train,Who is A?,a1,a2,x,x,x\r\n' +
  'd1,train, Who is B ,b1,b2,x,x,x\r\n' +
  'd2,valid,Where?,c1,c2,x,x,x\r\n' +
  'd3,test,Q3 first?,e1,e2,x,x,x\r\n' +
  'd4,test,Q4 first?,f1,f2,x,x,x\r\n' +
  'd3,test,Q3 second?,g1,g2,x,x,x\r\n' +
  'd4,test,Q4 second?,h1,h2,x,x,x\r\n' +
  'd3,test,Q3 third?,i1,i2,x,x,x\r\n';

function fakeContext(files: Readonly<Record<string, string>>): ScenarioContext {
  const fetcher: DatasetFetcher = {
    fetch: async (url) => {
      const path = files[url];
      if (path === undefined) throw new Error(`404 ${url}`);
      return path;
    },
  };
  return { outputDir: mkdtempSync(join(tmpdir(), 'nqa-out-')), fetcher };
}

function writeZip(entries: Readonly<Record<string, string>>): string {
  const path = join(mkdtempSync(join(tmpdir(), 'nqa-')), 'master.zip');
  writeFileSync(path, buildZip(Object.entries(entries).map(([name, data]) => ({ name, data }))));
  return path;
}

describe('NarrativeQA scenario', () => {
  it('picks one question per document with random.seed(0), in split then first-appearance order', async () => {
    const zip = writeZip({
      'narrativeqa-master/documents.csv': 'document_id,set\r\n',
      'narrativeqa-master/qaps.csv': QAPS,
      'narrativeqa-master/third_party/wikipedia/summaries.csv': SUMMARIES,
    });
    const instances = await new NarrativeQaScenario().getInstances(fakeContext({ [NARRATIVE_QA_URL]: zip }));
    // Picks by hand from CPython's seed(0) words 3626764237, 1654615998, 3255389356, 3823568514, 1806341205,
    // 173879092: choice of 2 → (3 ≥ 2 redrawn) 1; of 1 → (1, 1 redrawn) 0; of 3 → 0; then of 2 → 1 (CPython).
    expect(instances.map((instance) => [instance.split, instance.references.map((r) => r.output.text)])).toEqual([
      ['train', ['b1', 'b2']],
      ['valid', ['c1', 'c2']],
      ['test', ['e1', 'e2']],
      ['test', ['h1', 'h2']],
    ]);
    // Summary and question stripped; `?` appended; universal newlines turn the quoted CRLF into \n.
    expect(instances[0]?.input.text).toBe('Summary one.\nSecond line.\nQuestion: Who is B?');
    expect(instances[3]?.input.text).toBe('Summary four.\nQuestion: Q4 second?');
    expect(instances[0]?.references.every((reference) => reference.tags.includes('correct'))).toBe(true);
  });

  it('names the scenario and URL when the zip lacks a file', async () => {
    const zip = writeZip({ 'narrativeqa-master/qaps.csv': QAPS });
    const error: unknown = await new NarrativeQaScenario()
      .getInstances(fakeContext({ [NARRATIVE_QA_URL]: zip }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain(NARRATIVE_QA_URL);
    expect((error as AppError).message).toContain('narrativeqa');
  });
});

describe.skipIf(!sharedData)('NarrativeQA real documents.csv', () => {
  it('has the split sizes behind HELM ids (train 1,102, valid 115, test 355), despite the stray \\r\\r\\n row', () => {
    const rows = csvRecords(readFileSync(sharedPath('scenario-samples', 'narrative_qa', 'documents.csv'), 'utf8'));
    const count = (split: string): number => rows.filter((row) => row['set'] === split).length;
    expect([count('train'), count('valid'), count('test')]).toEqual([1102, 115, 355]);
  });
});

// HELM's real NarrativeQA run (gpt2, 5 instances, HEAD-era HELM): our run spec's adapter settings rebuild its prompts.
describe.skipIf(!sharedData)('golden: HELM NarrativeQA prompts', () => {
  interface StateJson {
    request_states: {
      instance: Instance & { input: { text: string } };
      num_train_instances: number;
      request: { prompt: string; max_tokens: number; stop_sequences: string[] };
    }[];
  }
  it('rebuilds every zero-shot prompt exactly and every eval block of the others', () => {
    const dir = sharedPath('every_eval_ever', 'tests_data_helm', 'narrative_qa-model=openai_gpt2');
    // HELM's own scenario_state.json; shape declared just above.
    const state = JSON.parse(readFileSync(`${dir}/scenario_state.json`, 'utf8')) as StateJson;
    const spec = { ...narrativeQaRunSpec.build({}).adapter_spec, model: 'openai/gpt2' };
    const counter = {
      contextWindow: 1_000_000,
      countTokens: (text: string) => text.length,
      truncateToTokens: (text: string) => text,
    };
    let exact = 0;
    for (const recorded of state.request_states) {
      const [rebuilt] = createGenerationAdapter().adapt({
        adapterSpec: spec,
        trainInstances: [],
        evalInstances: [recorded.instance],
        trialIndex: 0,
        tokenCounter: counter,
      });
      expect(recorded.request.prompt.endsWith(rebuilt?.request.prompt ?? '!')).toBe(true);
      expect([recorded.request.max_tokens, recorded.request.stop_sequences]).toEqual([100, ['\n']]);
      if (recorded.num_train_instances === 0) {
        expect(rebuilt?.request.prompt).toBe(recorded.request.prompt);
        exact += 1;
      }
      // The instance text has HELM's PassageQuestionInput shape: summary, newline, "Question: …?".
      const [summary = '', question = ''] = recorded.instance.input.text.split('\nQuestion: ');
      expect(narrativeQaInputText(summary, question)).toBe(recorded.instance.input.text);
    }
    expect(exact).toBe(4);
  });
});
