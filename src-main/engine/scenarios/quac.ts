/**
 * QuAC (`scenarios/quac_scenario.py`, v0.3.0 = HEAD): `train_v0.2.json` then `val_v0.2.json`, one instance per
 * dialogue. After one `random.seed(0)`, each dialogue draws `k = randint(3, #qas) − 1`; the prompt holds QAs
 * 0 … k−2 (question and original answer), skips QA k−1, and asks question k. References are the distinct
 * answers of QA k; a lone `CANNOTANSWER` gets HELM's three paraphrases.
 */
import { readFile } from 'node:fs/promises';
import type { Instance } from '../../../src-shared/helm/instance';
import { CORRECT_TAG, TRAIN_SPLIT, VALID_SPLIT } from '../../../src-shared/helm/instance';
import { PythonRandom } from '../rng/python-random';
import type { Scenario, ScenarioContext, ScenarioFactory } from '../types';
import { asRecord, asString, fetchSource, parsingSource } from './source';

export const QUAC_BASE_URL = 'https://s3.amazonaws.com/my89public/quac';
const SPLIT_FILES: readonly (readonly [string, string])[] = [
  ['train', TRAIN_SPLIT],
  ['val', VALID_SPLIT],
];
const CANNOTANSWER = 'CANNOTANSWER';
const CANNOTANSWER_SUFFIX = ` ${CANNOTANSWER}`;
/** What HELM adds when the only answer is CANNOTANSWER. */
export const CANNOTANSWER_PARAPHRASES = ['Not enough information', 'Cannot answer', 'Do not know'] as const;

function asArray(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new Error(`${what} is not an array`);
  return value;
}

/** HELM's `create_prompt`: the prompt text and the reference answers of one dialogue. */
export function quacPrompt(sample: unknown, random: PythonRandom): { prompt: string; answers: string[] } {
  const record = asRecord(sample, 'data item');
  const dialogue = asRecord(asArray(record['paragraphs'], 'paragraphs')[0], 'paragraph');
  const context = asString(dialogue['context'], 'context');
  // HELM asserts the passage ends with " CANNOTANSWER" and cuts it off.
  if (!context.endsWith(CANNOTANSWER_SUFFIX)) throw new Error('a context does not end with " CANNOTANSWER"');
  let prompt = `Title: ${asString(record['title'], 'title')}\n\n`;
  prompt += `Background: ${asString(record['background'], 'background')}\n\n`;
  prompt += `Section: ${asString(record['section_title'], 'section_title')}\n`;
  prompt += `Passage: ${context.slice(0, -CANNOTANSWER_SUFFIX.length)}\n\n`;
  const qas = asArray(dialogue['qas'], 'qas').map((qa) => asRecord(qa, 'qa'));
  // randint(3, n) raises in HELM when a dialogue has fewer than 3 QAs; PythonRandom throws the same way.
  const k = random.randint(3, qas.length) - 1;
  for (let i = 0; i < k - 1; i++) {
    const qa = qas[i] as Readonly<Record<string, unknown>>;
    prompt += `Question: ${asString(qa['question'], 'question')}\n`;
    prompt += `Answer: ${asString(asRecord(qa['orig_answer'], 'orig_answer')['text'], 'orig_answer.text')}\n\n`;
  }
  const asked = qas[k] as Readonly<Record<string, unknown>>;
  prompt += `Question: ${asString(asked['question'], 'question')}`;
  const answers = [
    ...new Set(
      asArray(asked['answers'], 'answers').map((answer) => asString(asRecord(answer, 'answer')['text'], 'answer.text')),
    ),
  ];
  if (answers.length === 1 && answers[0] === CANNOTANSWER) answers.push(...CANNOTANSWER_PARAPHRASES);
  return { prompt, answers };
}

/** Instances of one split file's `data` list, drawing from the shared generator. */
export function quacInstances(json: unknown, split: string, random: PythonRandom): Instance[] {
  const data = asArray(asRecord(json, 'file')['data'], 'data');
  return data.map((sample) => {
    const { prompt, answers } = quacPrompt(sample, random);
    return {
      input: { text: prompt },
      references: answers.map((text) => ({ output: { text }, tags: [CORRECT_TAG] })),
      split,
    };
  });
}

function quacUrl(file: string): string {
  return `${QUAC_BASE_URL}/${file}_v0.2.json`;
}

export class QuacScenario implements Scenario {
  readonly name = 'quac';

  async sources(): Promise<readonly string[]> {
    return SPLIT_FILES.map(([file]) => quacUrl(file));
  }

  async getInstances(context: ScenarioContext): Promise<Instance[]> {
    const random = new PythonRandom(0);
    const instances: Instance[] = [];
    for (const [file, split] of SPLIT_FILES) {
      const url = quacUrl(file);
      const path = await fetchSource(context, this.name, url);
      const text = await readFile(path, 'utf8');
      instances.push(
        ...(await parsingSource(this.name, url, () => quacInstances(JSON.parse(text) as unknown, split, random))),
      );
    }
    return instances;
  }
}

export const createQuacScenario: ScenarioFactory = () => new QuacScenario();
