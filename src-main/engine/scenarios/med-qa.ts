/**
 * MedQA (`scenarios/med_qa_scenario.py`, v0.5.4): the US 4-option questions of Jin et al.'s zip
 * (`data_clean/questions/US/4_options/phrases_no_exclude_{train,dev,test}.jsonl`), train, dev → valid, test;
 * input = the question; references = the options A–D in file order, the one named by `answer_idx` correct, each
 * with trailing `"` and whitespace stripped (HELM's own test: 12,723 instances, the first a pregnant woman
 * treated with Nitrofurantoin).
 */
import type { Instance } from '../../../src-shared/helm/instance';
import { CORRECT_TAG, TEST_SPLIT, TRAIN_SPLIT, VALID_SPLIT } from '../../../src-shared/helm/instance';
import { parseJsonLines } from '../formats/jsonl';
import { pythonRstrip } from '../formats/python-text';
import { readZipEntries } from '../formats/zip';
import type { Scenario, ScenarioContext, ScenarioFactory } from '../types';
import { asRecord, asString, fetchSource, parsingSource } from './source';

export const MED_QA_URL = 'https://drive.google.com/uc?export=download&id=1ImYUSLk9JbgHXOemfvyiDiirluZHPeQw&confirm=t';
const SPLIT_FILES: readonly (readonly [string, string])[] = [
  [TRAIN_SPLIT, 'train'],
  [VALID_SPLIT, 'dev'],
  [TEST_SPLIT, 'test'],
];
const PATH_SUFFIX = 'data_clean/questions/US/4_options/phrases_no_exclude_';

/** One JSONL line → an instance. */
export function medQaInstance(line: unknown, split: string): Instance {
  const item = asRecord(line, 'line');
  const options = asRecord(item.options, 'options');
  const entries = Object.entries(options);
  if (entries.length !== 4) throw new Error(`expected 4 answer choices, got ${entries.length}`);
  const correct = asString(item.answer_idx, 'answer_idx');
  return {
    input: { text: asString(item.question, 'question') },
    references: entries.map(([letter, answer]) => ({
      output: { text: pythonRstrip(asString(answer, 'option').replace(/"+$/, '')) },
      tags: letter === correct ? [CORRECT_TAG] : [],
    })),
    split,
  };
}

export class MedQaScenario implements Scenario {
  readonly name = 'med_qa';

  async getInstances(context: ScenarioContext): Promise<Instance[]> {
    const path = await fetchSource(context, this.name, MED_QA_URL);
    return parsingSource(this.name, MED_QA_URL, async () => {
      const files = await readZipEntries(path, (name) => name.includes(PATH_SUFFIX));
      const instances: Instance[] = [];
      for (const [split, file] of SPLIT_FILES) {
        const name = [...files.keys()].find((entry) => entry.endsWith(`${PATH_SUFFIX}${file}.jsonl`));
        if (name === undefined) throw new Error(`no ${PATH_SUFFIX}${file}.jsonl in the archive`);
        for (const line of parseJsonLines(files.get(name)?.toString('utf8') ?? ''))
          instances.push(medQaInstance(line, split));
      }
      return instances;
    });
  }
}

export const createMedQaScenario: ScenarioFactory = () => new MedQaScenario();
