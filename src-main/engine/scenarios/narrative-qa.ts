/**
 * NarrativeQA (`scenarios/narrativeqa_scenario.py`, v0.3.0 = HEAD): DeepMind's repository zip, of which HELM
 * reads only `qaps.csv` and `third_party/wikipedia/summaries.csv` (not `documents.csv`). After one
 * `random.seed(0)`, for each split in train, valid, test and each document in order of first appearance in
 * `qaps.csv`, one question is picked with `random.choice`; both answers are correct references.
 */
import type { Instance } from '../../../src-shared/helm/instance';
import { CORRECT_TAG, TEST_SPLIT, TRAIN_SPLIT, VALID_SPLIT } from '../../../src-shared/helm/instance';
import { csvRecords } from '../formats/csv';
import type { CsvRecord } from '../formats/csv';
import { pythonStrip } from '../formats/python-text';
import { readZipEntries } from '../formats/zip';
import { PythonRandom } from '../rng/python-random';
import type { Scenario, ScenarioContext, ScenarioFactory } from '../types';
import { fetchSource, parsingSource } from './source';

export const NARRATIVE_QA_URL = 'https://github.com/deepmind/narrativeqa/archive/master.zip';

const SPLITS = [TRAIN_SPLIT, VALID_SPLIT, TEST_SPLIT] as const;

/**
 * HELM's `PassageQuestionInput(passage, question)` text with the `?` NarrativeQA appends to questions
 * that lack one (`get_context`).
 */
export function narrativeQaInputText(summary: string, question: string): string {
  const asked = question.endsWith('?') ? question : `${question}?`;
  return `${summary}\nQuestion: ${asked}`;
}

/** All instances from the two CSV texts, in HELM's order, drawing from one `random.seed(0)` generator. */
export function narrativeQaInstances(summariesCsv: string, qapsCsv: string): Instance[] {
  const summaries = csvRecords(summariesCsv);
  const qaps = csvRecords(qapsCsv);
  const random = new PythonRandom(0);
  const instances: Instance[] = [];
  for (const split of SPLITS) {
    const summaryByDocument = new Map<string, string>();
    for (const row of summaries)
      if (row['set'] === split) summaryByDocument.set(row['document_id'] ?? '', row['summary'] ?? '');
    // A Map keeps first-insertion order, as HELM's dict of document id → question rows.
    const questionsByDocument = new Map<string, CsvRecord[]>();
    for (const row of qaps) {
      if (row['set'] !== split) continue;
      const documentId = row['document_id'] ?? '';
      const rows = questionsByDocument.get(documentId);
      if (rows) rows.push(row);
      else questionsByDocument.set(documentId, [row]);
    }
    for (const [documentId, rows] of questionsByDocument) {
      const row = random.choice(rows);
      const summary = summaryByDocument.get(documentId);
      if (summary === undefined) throw new Error(`document ${documentId} (${split}) has questions but no summary`);
      instances.push({
        input: { text: narrativeQaInputText(pythonStrip(summary), pythonStrip(row['question'] ?? '')) },
        references: [
          { output: { text: row['answer1'] ?? '' }, tags: [CORRECT_TAG] },
          { output: { text: row['answer2'] ?? '' }, tags: [CORRECT_TAG] },
        ],
        split,
      });
    }
  }
  return instances;
}

const QAPS_SUFFIX = '/qaps.csv';
const SUMMARIES_SUFFIX = '/third_party/wikipedia/summaries.csv';

export class NarrativeQaScenario implements Scenario {
  readonly name = 'narrativeqa';

  async getInstances(context: ScenarioContext): Promise<Instance[]> {
    const path = await fetchSource(context, this.name, NARRATIVE_QA_URL);
    return parsingSource(this.name, NARRATIVE_QA_URL, async () => {
      // GitHub's archive nests everything under `narrativeqa-master/`; match by suffix.
      const files = await readZipEntries(path, (name) => name.endsWith(QAPS_SUFFIX) || name.endsWith(SUMMARIES_SUFFIX));
      let qaps: Buffer | undefined;
      let summaries: Buffer | undefined;
      for (const [name, bytes] of files) {
        if (name.endsWith(SUMMARIES_SUFFIX)) summaries = bytes;
        else if (name.split('/').length === 2) qaps = bytes;
      }
      if (qaps === undefined || summaries === undefined)
        throw new Error('the zip lacks qaps.csv or third_party/wikipedia/summaries.csv');
      return narrativeQaInstances(summaries.toString('utf8'), qaps.toString('utf8'));
    });
  }
}

export const createNarrativeQaScenario: ScenarioFactory = () => new NarrativeQaScenario();
