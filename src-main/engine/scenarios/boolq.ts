/**
 * BoolQ (`scenarios/boolq_scenario.py`, v0.3.0): `train.jsonl` → train, `dev.jsonl` → valid; input
 * `<passage>\nQuestion: <question stripped, str.capitalize()d>?`; one reference `Yes`/`No`.
 *
 * Deliberate difference: HELM always downloads the contrast set (`boolq_perturbed.json`) but it only fills
 * `contrast_inputs`, which unperturbed runs (all efficient entries) never read. We download it only for
 * `only_contrast=True`, where it decides which valid instances exist.
 */
import { readFile } from 'node:fs/promises';
import type { Instance } from '../../../src-shared/helm/instance';
import { CORRECT_TAG, TRAIN_SPLIT, VALID_SPLIT } from '../../../src-shared/helm/instance';
import { readJsonLines } from '../formats/jsonl';
import { pythonCapitalize, pythonStrip } from '../formats/python-text';
import type { Scenario, ScenarioContext, ScenarioFactory } from '../types';
import { asRecord, asString, booleanArg, fetchSource, parsingSource, sourceFormatError } from './source';

/**
 * HELM HEAD's source (c8eefcef9, #4039): v0.3.0 read `https://storage.googleapis.com/boolq/{train,dev}.jsonl`,
 * which is broken since 2026-01; HELM now serves the same two files from its own HF dataset.
 */
export const BOOLQ_BASE_URL = 'https://huggingface.co/datasets/stanford-crfm/helm-scenarios/resolve/main/boolq';
export const BOOLQ_CONTRAST_URL =
  'https://raw.githubusercontent.com/allenai/contrast-sets/main/BoolQ/boolq_perturbed.json';

/** `PassageQuestionInput(passage, capitalized question + "?")` text. */
export function boolqInputText(passage: string, question: string): string {
  const capitalized = pythonCapitalize(pythonStrip(question));
  // HELM asserts the question has no trailing '?'; a changed source would break that assumption.
  if (capitalized.endsWith('?')) throw new Error(`question already ends with '?': ${question}`);
  return `${passage}\nQuestion: ${capitalized}?`;
}

/** Original questions that have at least one label-flipping contrast question (HELM's contrast map keys). */
export function boolqContrastQuestions(json: unknown): Set<string> {
  const data = asRecord(json, 'contrast set').data;
  if (!Array.isArray(data)) throw new Error('contrast set has no data list');
  const questions = new Set<string>();
  // The first item is a header row ("Question", "Gold Answer", ...).
  for (const raw of data.slice(1)) {
    const item = asRecord(raw, 'contrast item');
    const original = asString(item.question, 'question');
    const originalAnswer = item.answer === 'TRUE' ? 'Yes' : 'No';
    const perturbed = Array.isArray(item.perturbed_questions) ? item.perturbed_questions : [];
    const flips = perturbed.some((p) => {
      const record = asRecord(p, 'perturbed question');
      const answer = record.answer === 'TRUE' ? 'Yes' : 'No';
      return typeof record.perturbed_q === 'string' && record.perturbed_q !== '' && answer !== originalAnswer;
    });
    if (flips) questions.add(original);
  }
  return questions;
}

export class BoolqScenario implements Scenario {
  readonly name = 'boolq';

  constructor(readonly onlyContrast: boolean) {}

  async getInstances(context: ScenarioContext): Promise<Instance[]> {
    const files: [string, string][] = [
      [TRAIN_SPLIT, `${BOOLQ_BASE_URL}/train.jsonl`],
      [VALID_SPLIT, `${BOOLQ_BASE_URL}/dev.jsonl`],
    ];
    const paths: string[] = [];
    for (const [, url] of files) paths.push(await fetchSource(context, this.name, url));
    let contrast: Set<string> | null = null;
    if (this.onlyContrast) {
      const path = await fetchSource(context, this.name, BOOLQ_CONTRAST_URL);
      contrast = await parsingSource(this.name, BOOLQ_CONTRAST_URL, async () =>
        boolqContrastQuestions(JSON.parse(await readFile(path, 'utf8'))),
      );
    }
    const instances: Instance[] = [];
    for (let i = 0; i < files.length; i += 1) {
      const [split, url] = files[i] ?? ['', ''];
      const path = paths[i] ?? '';
      await parsingSource(this.name, url, async () => {
        for await (const line of readJsonLines(path, context.signal)) {
          const item = asRecord(line, 'line');
          const question = asString(item.question, 'question');
          if (typeof item.answer !== 'boolean') throw sourceFormatError(this.name, url, 'answer is not a boolean');
          if (contrast && split === VALID_SPLIT && !contrast.has(question)) continue;
          instances.push({
            input: { text: boolqInputText(asString(item.passage, 'passage'), question) },
            references: [{ output: { text: item.answer ? 'Yes' : 'No' }, tags: [CORRECT_TAG] }],
            split,
          });
        }
      });
    }
    return instances;
  }
}

export const createBoolqScenario: ScenarioFactory = (args) => new BoolqScenario(booleanArg(args, 'only_contrast'));
