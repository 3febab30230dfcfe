/**
 * GSM8K (`scenarios/gsm_scenario.py`, v0.5.4 = HEAD): OpenAI's `train.jsonl` → train and `test.jsonl` → test,
 * in file order; input = the question; one reference = the answer with `####` replaced by `The answer is`,
 * newlines replaced by spaces and a final `.` (HELM's own test: 8,792 instances, the first being Natalia's clips).
 */
import type { Instance } from '../../../src-shared/helm/instance';
import { CORRECT_TAG, TEST_SPLIT, TRAIN_SPLIT } from '../../../src-shared/helm/instance';
import { readJsonLines } from '../formats/jsonl';
import type { Scenario, ScenarioContext, ScenarioFactory } from '../types';
import { asRecord, asString, fetchSource, parsingSource } from './source';

/** HELM's base URL, kept byte for byte (its `{base_url}/{split}.jsonl` doubles the slash). */
export const GSM_BASE_URL = 'https://raw.githubusercontent.com/openai/grade-school-math/master/grade_school_math/data/';
export const gsmUrl = (split: 'train' | 'test'): string => `${GSM_BASE_URL}/${split}.jsonl`;

/** The reference text HELM builds from a GSM8K answer. */
export function gsmAnswerText(answer: string): string {
  return `${answer.replaceAll('####', 'The answer is').replaceAll('\n', ' ')}.`;
}

export class Gsm8kScenario implements Scenario {
  readonly name = 'gsm';

  async getInstances(context: ScenarioContext): Promise<Instance[]> {
    const instances: Instance[] = [];
    for (const [file, split] of [
      ['train', TRAIN_SPLIT],
      ['test', TEST_SPLIT],
    ] as const) {
      const url = gsmUrl(file);
      const path = await fetchSource(context, this.name, url);
      await parsingSource(this.name, url, async () => {
        for await (const line of readJsonLines(path, context.signal)) {
          const item = asRecord(line, 'line');
          instances.push({
            input: { text: asString(item.question, 'question') },
            references: [{ output: { text: gsmAnswerText(asString(item.answer, 'answer')) }, tags: [CORRECT_TAG] }],
            split,
          });
        }
      });
    }
    return instances;
  }
}

export const createGsmScenario: ScenarioFactory = () => new Gsm8kScenario();
