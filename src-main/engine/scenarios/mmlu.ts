/**
 * MMLU (`scenarios/mmlu_scenario.py`, identical at v0.3.0 and HEAD): Hendrycks' `data.tar`, layout
 * `data/{dev,val,test}/<subject>_<split>.csv`, headerless rows `question,A,B,C,D,<letter>`.
 */
import { AppError } from '../../../src-shared/errors';
import type { Instance, Reference } from '../../../src-shared/helm/instance';
import { CORRECT_TAG, TEST_SPLIT, TRAIN_SPLIT, VALID_SPLIT } from '../../../src-shared/helm/instance';
import { parseCsv } from '../formats/csv';
import { readPythonText } from '../formats/python-text';
import { readTarEntries } from '../formats/tar';
import type { Scenario, ScenarioContext, ScenarioFactory } from '../types';
import { fetchSource, parsingSource, stringArg } from './source';

export const MMLU_URL = 'https://people.eecs.berkeley.edu/~hendrycks/data.tar';

/** The 5 subjects of the Classic core scenarios (run_entries_core_scenarios_*.conf). */
export const MMLU_CORE_SUBJECTS = [
  'abstract_algebra',
  'college_chemistry',
  'computer_security',
  'econometrics',
  'us_foreign_policy',
] as const;

/** All 57 subjects of `data.tar`. */
export const MMLU_SUBJECTS: readonly string[] = [
  'abstract_algebra',
  'anatomy',
  'astronomy',
  'business_ethics',
  'clinical_knowledge',
  'college_biology',
  'college_chemistry',
  'college_computer_science',
  'college_mathematics',
  'college_medicine',
  'college_physics',
  'computer_security',
  'conceptual_physics',
  'econometrics',
  'electrical_engineering',
  'elementary_mathematics',
  'formal_logic',
  'global_facts',
  'high_school_biology',
  'high_school_chemistry',
  'high_school_computer_science',
  'high_school_european_history',
  'high_school_geography',
  'high_school_government_and_politics',
  'high_school_macroeconomics',
  'high_school_mathematics',
  'high_school_microeconomics',
  'high_school_physics',
  'high_school_psychology',
  'high_school_statistics',
  'high_school_us_history',
  'high_school_world_history',
  'human_aging',
  'human_sexuality',
  'international_law',
  'jurisprudence',
  'logical_fallacies',
  'machine_learning',
  'management',
  'marketing',
  'medical_genetics',
  'miscellaneous',
  'moral_disputes',
  'moral_scenarios',
  'nutrition',
  'philosophy',
  'prehistory',
  'professional_accounting',
  'professional_law',
  'professional_medicine',
  'professional_psychology',
  'public_relations',
  'security_studies',
  'sociology',
  'us_foreign_policy',
  'virology',
  'world_religions',
];

// HELM reads the split files in this order; `auxiliary_train` never has a per-subject file, so it is skipped.
const SPLIT_FILES: readonly (readonly [string, string])[] = [
  ['auxiliary_train', TRAIN_SPLIT],
  ['dev', TRAIN_SPLIT],
  ['val', VALID_SPLIT],
  ['test', TEST_SPLIT],
];
const LETTERS = ['A', 'B', 'C', 'D', 'E'];

/** Instances of one subject's CSV rows: a choice is correct when its text equals the correct choice's text. */
export function mmluInstancesFromCsv(text: string, split: string): Instance[] {
  return parseCsv(readPythonText(text)).map((row, index) => {
    if (row.length < 3) throw new Error(`row ${index + 1} has ${row.length} fields`);
    const question = row[0] ?? '';
    const answers = row.slice(1, -1);
    const letter = row[row.length - 1] ?? '';
    const letterIndex = LETTERS.indexOf(letter);
    const correctAnswer = letterIndex >= 0 ? answers[letterIndex] : undefined;
    if (correctAnswer === undefined) throw new Error(`row ${index + 1}: answer '${letter}' names no choice`);
    // Duplicate choice texts are all tagged correct, as HELM compares texts, not positions.
    const references: Reference[] = answers.map((answer) => ({
      output: { text: answer },
      tags: answer === correctAnswer ? [CORRECT_TAG] : [],
    }));
    return { input: { text: question }, references, split };
  });
}

export class MmluScenario implements Scenario {
  readonly name = 'mmlu';

  constructor(readonly subject: string) {}

  async sources(): Promise<readonly string[]> {
    return [MMLU_URL];
  }

  async getInstances(context: ScenarioContext): Promise<Instance[]> {
    const path = await fetchSource(context, this.name, MMLU_URL);
    const files = await parsingSource(this.name, MMLU_URL, () => this.readSubjectFiles(path, context.signal));
    const instances: Instance[] = [];
    for (const [file, split] of SPLIT_FILES) {
      const content = files.get(file);
      if (content === undefined) continue;
      instances.push(...(await parsingSource(this.name, MMLU_URL, () => mmluInstancesFromCsv(content, split))));
    }
    if (instances.length === 0) {
      throw new AppError({
        code: 'scenario.source-format',
        message: `Scenario mmlu: ${MMLU_URL} has no files for subject '${this.subject}'.`,
      });
    }
    return instances;
  }

  /** The subject's CSV texts keyed by split file name (`dev`, `val`, `test`). */
  private async readSubjectFiles(path: string, signal?: AbortSignal): Promise<Map<string, string>> {
    const pattern = new RegExp(
      `(?:^|/)(auxiliary_train|dev|val|test)/${this.subject}_(auxiliary_train|dev|val|test)\\.csv$`,
    );
    const files = new Map<string, string>();
    const onEntry = (name: string, content: Buffer): void => {
      const match = pattern.exec(name);
      if (match && match[1] === match[2]) files.set(match[1] ?? '', content.toString('utf8'));
    };
    await readTarEntries(path, { select: (name) => pattern.test(name), onEntry, ...(signal ? { signal } : {}) });
    return files;
  }
}

export const createMmluScenario: ScenarioFactory = (args) =>
  new MmluScenario(stringArg('mmlu', args, 'subject', MMLU_SUBJECTS));
