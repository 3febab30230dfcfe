/**
 * HellaSwag and OpenbookQA: `CommonSenseScenario(dataset=…)` at v0.3.0 (`scenarios/commonsense_scenario.py`),
 * `HellaSwagScenario` / `OpenBookQA` at HEAD — same files, same instances.
 *
 * HellaSwag: `hellaswag_{train,val}.jsonl` (the unlabelled test file is not read; HELM v0.3.0 downloads it
 * anyway, we do not), input `<activity_label>: <ctx_a> <ctx_b with first character upper-cased>`.
 * OpenbookQA: `Data/Main/{train,test}.jsonl` inside the zip, input = question stem.
 * Both: 4 choices, a choice is correct when its text equals the correct choice's text.
 */
import type { Instance } from '../../../src-shared/helm/instance';
import { CORRECT_TAG, TEST_SPLIT, TRAIN_SPLIT, VALID_SPLIT } from '../../../src-shared/helm/instance';
import { parseJsonLines, readJsonLines } from '../formats/jsonl';
import { readZipEntries } from '../formats/zip';
import type { Scenario, ScenarioContext, ScenarioFactory } from '../types';
import { asRecord, asString, fetchSource, parsingSource, stringArg } from './source';

export const HELLASWAG_URL_TEMPLATE =
  'https://raw.githubusercontent.com/rowanz/hellaswag/master/data/hellaswag_{split}.jsonl';
export const OPENBOOKQA_URL = 'https://ai2-public-datasets.s3.amazonaws.com/open-book-qa/OpenBookQA-V1-Sep2018.zip';

const HELLASWAG_FILES = [
  ['train', TRAIN_SPLIT],
  ['val', VALID_SPLIT],
] as const;

function hellaswagUrl(file: string): string {
  return HELLASWAG_URL_TEMPLATE.replace('{split}', file);
}

/** The datasets `CommonSenseScenario` accepts at v0.3.0; the core scenarios use the first two. */
export const COMMONSENSE_DATASETS = ['hellaswag', 'openbookqa'] as const;
export type CommonsenseDataset = (typeof COMMONSENSE_DATASETS)[number];

function multipleChoiceInstance(
  question: string,
  answers: readonly string[],
  correctAnswer: string,
  split: string,
): Instance {
  if (answers.length !== 4) throw new Error(`expected 4 choices, got ${answers.length}`);
  return {
    input: { text: question },
    references: answers.map((answer) => ({
      output: { text: answer },
      tags: answer === correctAnswer ? [CORRECT_TAG] : [],
    })),
    split,
  };
}

function upperFirst(text: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return '';
  const head = String.fromCodePoint(first);
  return head.toUpperCase() + text.slice(head.length);
}

/** One HellaSwag JSON line → instance (`process_hellaswag_item`). */
export function hellaswagInstance(raw: unknown, split: string): Instance {
  const item = asRecord(raw, 'item');
  const ctxB = upperFirst(asString(item.ctx_b, 'ctx_b'));
  const question = `${asString(item.activity_label, 'activity_label')}: ${asString(item.ctx_a, 'ctx_a')} ${ctxB}`;
  const endings = item.endings;
  if (!Array.isArray(endings)) throw new Error('endings is not a list');
  const answers = endings.map((ending, i) => asString(ending, `endings[${i}]`));
  const label = typeof item.label === 'string' ? Number(item.label) : item.label;
  const correct = typeof label === 'number' ? answers[label] : undefined;
  if (correct === undefined) throw new Error(`label ${String(item.label)} names no ending`);
  return multipleChoiceInstance(question, answers, correct, split);
}

/** One OpenbookQA JSON line → instance (`process_openbookqa_item`). */
export function openbookqaInstance(raw: unknown, split: string): Instance {
  const item = asRecord(raw, 'item');
  const question = asRecord(item.question, 'question');
  const choices = question.choices;
  if (!Array.isArray(choices)) throw new Error('choices is not a list');
  const records = choices.map((choice) => asRecord(choice, 'choice'));
  const answers = records.map((choice, i) => asString(choice.text, `choices[${i}].text`));
  const key = asString(item.answerKey, 'answerKey');
  const index = ['A', 'B', 'C', 'D'].indexOf(key);
  const correct = answers[index];
  if (index < 0 || correct === undefined || records[index]?.label !== key)
    throw new Error(`answerKey ${key} does not match the choices`);
  return multipleChoiceInstance(asString(question.stem, 'stem'), answers, correct, split);
}

export class CommonsenseScenario implements Scenario {
  constructor(readonly name: CommonsenseDataset) {}

  getInstances(context: ScenarioContext): Promise<Instance[]> {
    return this.name === 'hellaswag' ? this.hellaswag(context) : this.openbookqa(context);
  }

  async sources(): Promise<readonly string[]> {
    return this.name === 'hellaswag' ? HELLASWAG_FILES.map(([file]) => hellaswagUrl(file)) : [OPENBOOKQA_URL];
  }

  private async hellaswag(context: ScenarioContext): Promise<Instance[]> {
    const instances: Instance[] = [];
    for (const [file, split] of HELLASWAG_FILES) {
      const url = hellaswagUrl(file);
      const path = await fetchSource(context, this.name, url);
      await parsingSource(this.name, url, async () => {
        for await (const item of readJsonLines(path, context.signal)) instances.push(hellaswagInstance(item, split));
      });
    }
    return instances;
  }

  private async openbookqa(context: ScenarioContext): Promise<Instance[]> {
    const path = await fetchSource(context, this.name, OPENBOOKQA_URL);
    return parsingSource(this.name, OPENBOOKQA_URL, async () => {
      const entries = await readZipEntries(path, (name) => /(?:^|\/)Data\/Main\/(?:train|test)\.jsonl$/.test(name));
      const instances: Instance[] = [];
      for (const [file, split] of [
        ['train', TRAIN_SPLIT],
        ['test', TEST_SPLIT],
      ] as const) {
        const entry = [...entries].find(([name]) => name.endsWith(`Data/Main/${file}.jsonl`));
        if (!entry) throw new Error(`the zip has no Data/Main/${file}.jsonl`);
        for (const item of parseJsonLines(entry[1].toString('utf8'))) instances.push(openbookqaInstance(item, split));
      }
      return instances;
    });
  }
}

/** v0.3.0 `CommonSenseScenario(dataset=…)`. */
export const createCommonsenseScenario: ScenarioFactory = (args) =>
  // stringArg checked the value against COMMONSENSE_DATASETS.
  new CommonsenseScenario(stringArg('commonsense', args, 'dataset', COMMONSENSE_DATASETS) as CommonsenseDataset);
/** HEAD `HellaSwagScenario()`. */
export const createHellaswagScenario: ScenarioFactory = () => new CommonsenseScenario('hellaswag');
/** HEAD `OpenBookQA()`. */
export const createOpenbookqaScenario: ScenarioFactory = () => new CommonsenseScenario('openbookqa');
