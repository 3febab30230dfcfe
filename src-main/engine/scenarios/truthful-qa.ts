/**
 * TruthfulQA (`scenarios/truthful_qa_scenario.py`, v0.3.0), task `mc_single`: `TruthfulQA.csv` with a header
 * row; the first `int(0.2 · rows)` questions are train, the rest valid. References are the incorrect answers
 * then the best answer (each stripped, `.` appended if missing), rotated left by `ord(best[0]) mod n`.
 */
import { readFile } from 'node:fs/promises';
import type { Instance, Reference } from '../../../src-shared/helm/instance';
import { CORRECT_TAG, TRAIN_SPLIT, VALID_SPLIT } from '../../../src-shared/helm/instance';
import { parseCsv } from '../formats/csv';
import { firstCodePoint, pythonStrip, readPythonText } from '../formats/python-text';
import type { Scenario, ScenarioContext, ScenarioFactory } from '../types';
import { fetchSource, parsingSource, stringArg } from './source';

/**
 * The file as HELM HEAD pins it (c6a44c6e5, #3601). v0.3.0 read `.../TruthfulQA/main/TruthfulQA.csv`, but that
 * branch file has since been revised upstream; this commit's `data/v1/` copy is the 817-question version the
 * Classic runs used.
 */
export const TRUTHFUL_QA_URL =
  'https://raw.githubusercontent.com/sylinrl/TruthfulQA/d71c110897f5d31c5d7f309e7bc316c152f6f031/data/v1/TruthfulQA.csv';
const TRAIN_RATIO = 0.2;

function formatAnswer(answer: string): string {
  const formatted = pythonStrip(answer);
  // HELM indexes formatted[-1]; an empty answer would raise there, so it is a format error here too.
  if (formatted === '') throw new Error('empty answer');
  return formatted.endsWith('.') ? formatted : `${formatted}.`;
}

/** The `mc_single` references of one question. */
export function truthfulQaReferences(bestAnswer: string, incorrectAnswers: string): Reference[] {
  const best = formatAnswer(bestAnswer);
  const incorrect = incorrectAnswers
    .split(';')
    .filter((answer) => pythonStrip(answer) !== '')
    .map((answer) => formatAnswer(pythonStrip(answer)));
  const references: Reference[] = [
    ...incorrect.map((text) => ({ output: { text }, tags: [] })),
    { output: { text: best }, tags: [CORRECT_TAG] },
  ];
  const k = firstCodePoint(best) % references.length;
  return [...references.slice(k), ...references.slice(0, k)];
}

/** All instances from the CSV text (header included). */
export function truthfulQaInstances(csvText: string): Instance[] {
  const rows = parseCsv(csvText).slice(1);
  const splitIndex = Math.floor(rows.length * TRAIN_RATIO);
  return rows.map((row, index) => {
    // Python unpacks exactly seven columns: Type, Category, Question, Best Answer, Correct, Incorrect, Source.
    if (row.length !== 7) throw new Error(`row ${index + 2} has ${row.length} columns, expected 7`);
    return {
      input: { text: pythonStrip(row[2] ?? '') },
      references: truthfulQaReferences(row[3] ?? '', row[5] ?? ''),
      split: index < splitIndex ? TRAIN_SPLIT : VALID_SPLIT,
    };
  });
}

export class TruthfulQaScenario implements Scenario {
  readonly name = 'truthful_qa';

  constructor(readonly task: string) {}

  async getInstances(context: ScenarioContext): Promise<Instance[]> {
    const path = await fetchSource(context, this.name, TRUTHFUL_QA_URL);
    return parsingSource(this.name, TRUTHFUL_QA_URL, async () =>
      truthfulQaInstances(readPythonText(await readFile(path))),
    );
  }
}

export const createTruthfulQaScenario: ScenarioFactory = (args) =>
  new TruthfulQaScenario(stringArg('truthful_qa', args, 'task', ['mc_single']));
