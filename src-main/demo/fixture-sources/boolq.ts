/**
 * BoolQ fixture: `train.jsonl` and `dev.jsonl` lines `{"question", "title", "answer", "passage"}` (lower-case
 * question without `?`, boolean answer), as in the Google bucket. The contrast set is served too, for
 * `only_contrast=True` runs.
 */
import { BOOLQ_BASE_URL, BOOLQ_CONTRAST_URL } from '../../engine/scenarios/boolq';
import type { FixtureSource } from './common';
import { FixtureText, jsonLines, pythonJson, utf8 } from './common';

interface BoolqItem {
  readonly question: string;
  readonly title: string;
  readonly answer: boolean;
  readonly passage: string;
}

function items(count: number, seed: number): BoolqItem[] {
  const text = new FixtureText(seed);
  return Array.from({ length: count }, (_, i) => {
    const noun = text.noun();
    return {
      question: `is the ${noun} in the story ${i % 2 === 0 ? 'older than' : 'the same as'} ${text.phrase()}`,
      title: `${noun[0]?.toUpperCase() ?? ''}${noun.slice(1)}`,
      answer: text.int(2) === 1,
      passage: `${noun} -- ${text.sentences(2)}`,
    };
  });
}

export const boolqSource: FixtureSource = {
  scenarios: ['boolq'],
  async files() {
    const dev = items(16, 2);
    const contrast = {
      data: [
        { question: 'Question', answer: 'Gold Answer', perturbed_questions: [] },
        ...dev.slice(0, 4).map((item) => ({
          question: item.question,
          answer: item.answer ? 'TRUE' : 'FALSE',
          perturbed_questions: [{ perturbed_q: `${item.question} at night`, answer: item.answer ? 'FALSE' : 'TRUE' }],
        })),
      ],
    };
    return [
      { url: `${BOOLQ_BASE_URL}/train.jsonl`, data: utf8(jsonLines(items(12, 1))) },
      { url: `${BOOLQ_BASE_URL}/dev.jsonl`, data: utf8(jsonLines(dev)) },
      { url: BOOLQ_CONTRAST_URL, data: utf8(pythonJson(contrast)) },
    ];
  },
};
