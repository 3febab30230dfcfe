/**
 * MMLU fixture: Hendrycks' `data.tar` (`data/{dev,val,test}/<subject>_<split>.csv`, headerless rows
 * `question,A,B,C,D,<letter>`) for the 5 core subjects: 5 dev rows (HELM's in-context pool), 3 val and 8 test.
 */
import { MMLU_CORE_SUBJECTS, MMLU_URL } from '../../engine/scenarios/mmlu';
import type { FixtureSource } from './common';
import { makeTar } from '../tar-writer';
import { FixtureText, csvRow } from './common';

const ROWS = { dev: 5, val: 3, test: 8 } as const;
const LETTERS = ['A', 'B', 'C', 'D'];

function subjectCsv(subject: string, split: keyof typeof ROWS, seed: number): string {
  const text = new FixtureText(seed);
  const topic = subject.replace(/_/g, ' ');
  let csv = '';
  for (let i = 0; i < ROWS[split]; i += 1) {
    const question = `In ${topic}, which of the following is true of ${text.phrase()}, given that ${text.sentence().replace(/\.$/, '')}?`;
    const choices = Array.from(
      { length: 4 },
      (_, k) => `${text.name()} ${k === 0 ? 'knows' : 'thinks'} ${text.phrase()}, ${i + k}`,
    );
    csv += csvRow([question, ...choices, LETTERS[text.int(4)] ?? 'A']);
  }
  return csv;
}

export const mmluSource: FixtureSource = {
  scenarios: ['mmlu'],
  async files() {
    const entries: [string, string][] = [];
    MMLU_CORE_SUBJECTS.forEach((subject, s) => {
      for (const split of ['dev', 'val', 'test'] as const)
        entries.push([`data/${split}/${subject}_${split}.csv`, subjectCsv(subject, split, 100 * s + split.length)]);
    });
    return [{ url: MMLU_URL, data: await makeTar(entries) }];
  },
};
